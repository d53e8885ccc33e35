/*
 * Danh sách kiểm tra: đánh dấu được, nhớ trên thiết bị này (localStorage, cả khi mở từ file://),
 * có bộ đếm tiến độ, nút in và nút bỏ đánh dấu (hỏi lại trước, hoàn tác được). Mỗi ô mang tên là chính
 * dòng việc của nó (trình đọc màn hình đọc "Gửi giấy mời…, hộp kiểm"). Khi in, ô luôn để trống (sotay.css).
 *
 * Dấu lưu theo khóa của từng dòng, không theo vị trí: khi ban biên soạn thêm một dòng, dấu đã đánh không
 * nhảy sang dòng khác. Khóa là data-sotay-check do bản dựng ghi (mã bước + băm chữ của dòng, xem
 * sotay/meeting_views.py), hoặc với danh sách viết tay là "t-" + băm chữ của dòng. Dấu cũ lưu theo vị trí
 * ({"0": 1, "2": 1}) được chuyển sang khóa mới một lần, theo thứ tự các dòng lúc chuyển.
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

  /* Chữ của dòng việc, không kèm danh sách con, số chú thích, ô đánh dấu. */
  function itemText(item) {
    var copy = item.cloneNode(true);
    Array.prototype.forEach.call(
      copy.querySelectorAll("ul, ol, .task-list-control, sup, .footnote-ref"),
      function (node) { node.parentNode.removeChild(node); }
    );
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* FNV-1a 32 bit trên chữ của dòng, 8 chữ số hex: đủ để phân biệt các dòng của một trang. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /* Khóa của từng dòng; hai dòng cùng khóa (cùng chữ) thành KHÓA, KHÓA-2, KHÓA-3… */
  function itemKeys(items) {
    var seen = {};
    return items.map(function (item) {
      var base = item.getAttribute("data-sotay-check") || "t-" + hash(itemText(item));
      var key = base;
      for (var n = 2; seen[key]; n++) key = base + "-" + n;
      seen[key] = true;
      return key;
    });
  }

  /* Giữ dấu của các dòng còn trên trang; khóa toàn chữ số là vị trí (cách lưu cũ): đổi sang khóa mới. */
  function migrate(state, keys) {
    var known = {}, next = {}, changed = false;
    keys.forEach(function (k) { known[k] = true; });
    Object.keys(state).forEach(function (k) {
      var key = /^[0-9]+$/.test(k) ? keys[Number(k)] : k;
      if (key !== k) changed = true;
      if (state[k] && key && known[key]) next[key] = 1; else changed = true;
    });
    return changed ? next : null;
  }

  function button(className, label) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "md-button " + className;
    el.textContent = label;
    return el;
  }

  function panel(className) {
    var el = document.createElement("div");
    el.className = className;
    el.hidden = true;
    return el;
  }

  function init() {
    var boxes = Array.prototype.slice.call(
      document.querySelectorAll(".md-content .task-list-item input[type=checkbox]")
    );
    if (!boxes.length || document.querySelector(".sotay-progress")) return;
    var items = boxes.map(function (b) { return b.closest(".task-list-item"); });
    var keys = itemKeys(items);
    var key = pageKey();
    var state = load(key);
    var migrated = migrate(state, keys);
    if (migrated) {
      state = migrated;
      save(key, state);
    }
    var before = null; /* dấu đã đánh trước lần bỏ gần nhất, để hoàn tác */

    var bar = document.createElement("div");
    bar.className = "sotay-progress";
    var text = document.createElement("span");
    text.className = "sotay-progress__text";
    text.setAttribute("role", "status");
    var print = button("sotay-progress__print", "In danh sách");
    print.addEventListener("click", function () { window.print(); });
    var reset = button("sotay-progress__reset", "Bỏ đánh dấu tất cả");

    var confirmBox = panel("sotay-progress__confirm");
    var question = document.createElement("span");
    var yes = button("sotay-progress__yes", "Bỏ hết dấu");
    var no = button("sotay-progress__no md-button--primary", "Giữ lại");
    confirmBox.appendChild(question);
    confirmBox.appendChild(yes);
    confirmBox.appendChild(no);

    var undoBox = panel("sotay-progress__undo");
    var undoText = document.createElement("span");
    var undo = button("sotay-progress__undo-button md-button--primary", "Hoàn tác");
    undoBox.appendChild(undoText);
    undoBox.appendChild(undo);

    bar.appendChild(text);
    bar.appendChild(print);
    bar.appendChild(reset);
    bar.appendChild(confirmBox);
    bar.appendChild(undoBox);
    var firstList = boxes[0].closest(".task-list");
    firstList.parentNode.insertBefore(bar, firstList);

    function done() {
      return boxes.filter(function (b) { return b.checked; }).length;
    }

    function update() {
      text.textContent = "Đã xong " + done() + "/" + boxes.length + " việc";
    }

    function apply(next) {
      state = next;
      boxes.forEach(function (box, index) { box.checked = !!state[keys[index]]; });
      save(key, state);
      update();
    }

    boxes.forEach(function (box, index) {
      var item = items[index];
      box.disabled = false;
      box.removeAttribute("disabled");
      box.setAttribute("aria-label", itemText(item));
      box.checked = !!state[keys[index]];
      box.addEventListener("change", function () {
        if (box.checked) state[keys[index]] = 1; else delete state[keys[index]];
        save(key, state);
        undoBox.hidden = true;
        update();
      });
      /* Chạm vào cả dòng (không chỉ ô nhỏ) cũng đánh dấu: dễ dùng trên điện thoại. */
      item.addEventListener("click", function (event) {
        if (event.target.closest("a, label, input, button")) return;
        if (event.target.closest(".task-list-item") !== item) return; /* dòng con tự lo */
        box.checked = !box.checked;
        box.dispatchEvent(new Event("change"));
      });
    });

    reset.addEventListener("click", function () {
      var count = done();
      undoBox.hidden = true;
      if (!count) {
        text.textContent = "Chưa có việc nào được đánh dấu";
        return;
      }
      question.textContent = "Bỏ " + count + " dấu đã đánh trên trang này?";
      confirmBox.hidden = false;
      no.focus();
    });
    no.addEventListener("click", function () {
      confirmBox.hidden = true;
      reset.focus();
    });
    yes.addEventListener("click", function () {
      var count = done();
      before = JSON.parse(JSON.stringify(state));
      confirmBox.hidden = true;
      apply({});
      undoText.textContent = "Đã bỏ " + count + " dấu.";
      undoBox.hidden = false;
      undo.focus();
    });
    undo.addEventListener("click", function () {
      if (before) apply(before);
      before = null;
      undoBox.hidden = true;
      reset.focus();
    });
    update();
  }

  window.sotayReady(init);  /* ready.js */
})();
