/*
 * Danh sách kiểm tra: đánh dấu được, nhớ trên thiết bị này (localStorage, cả khi mở từ file://),
 * có bộ đếm tiến độ và nút bỏ đánh dấu. Khi in, ô vuông luôn để trống (xem sotay.css).
 */
(function () {
  "use strict";

  function pageKey() {
    var path = decodeURIComponent(location.pathname).replace(/index\.html$/, "");
    return "sotay:ticks:" + path;
  }

  function load(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function save(key, state) {
    try {
      localStorage.setItem(key, JSON.stringify(state));
    } catch (e) {
      /* bộ nhớ bị tắt: vẫn đánh dấu được trong phiên này */
    }
  }

  function init() {
    var boxes = Array.prototype.slice.call(
      document.querySelectorAll(".md-content .task-list-item input[type=checkbox]")
    );
    if (!boxes.length || document.querySelector(".sotay-progress")) return;
    var key = pageKey();
    var state = load(key);

    var bar = document.createElement("div");
    bar.className = "sotay-progress";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.className = "sotay-progress__text";
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button sotay-progress__reset";
    reset.textContent = "Bỏ đánh dấu tất cả";
    var print = document.createElement("button");
    print.type = "button";
    print.className = "md-button sotay-progress__print";
    print.textContent = "In danh sách";
    print.addEventListener("click", function () { window.print(); });
    bar.appendChild(text);
    bar.appendChild(reset);
    bar.appendChild(print);
    var firstList = boxes[0].closest(".task-list");
    firstList.parentNode.insertBefore(bar, firstList);

    function update() {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      text.textContent = "Đã xong " + done + "/" + boxes.length + " việc";
    }

    boxes.forEach(function (box, index) {
      box.disabled = false;
      box.removeAttribute("disabled");
      box.checked = !!state[index];
      box.addEventListener("change", function () {
        if (box.checked) state[index] = 1; else delete state[index];
        save(key, state);
        update();
      });
    });
    /* Chạm vào cả dòng (không chỉ ô nhỏ) cũng đánh dấu: dễ dùng trên điện thoại. */
    boxes.forEach(function (box) {
      var item = box.closest(".task-list-item");
      item.addEventListener("click", function (event) {
        if (event.target.closest("a, label, input, button")) return;
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change"));
      });
    });
    reset.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      state = {};
      save(key, state);
      update();
    });
    update();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
