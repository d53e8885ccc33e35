/*
 * Lịch họp tháng (cong-cu/lich-hop/): chọn tháng và loại buổi họp, tính ngày họp (ngày 3) và ngày của
 * từng việc từ độ lệch ghi trong trang (lớp sotay-offset_m1 = trước 1 ngày), báo khi ngày họp là Chủ nhật
 * hoặc trùng ngày nghỉ lễ trong bảng của trang (<time datetime="--MM-DD">), in riêng chương trình.
 * Không tự dời ngày họp. Không gọi ra ngoài; nhớ lựa chọn trong localStorage (cả khi mở từ file://).
 */
(function () {
  "use strict";

  var KEY = "sotay:planner";
  var WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* bộ nhớ bị tắt */ }
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  function vi(d) { return d.getDate() + "/" + (d.getMonth() + 1) + "/" + d.getFullYear(); }
  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function classNumber(el, prefix) {
    var m = new RegExp("(?:^|\\s)" + prefix + "([mp]?)(\\d+)(?:\\s|$)").exec(el.className);
    if (!m) return null;
    return (m[1] === "m" ? -1 : 1) * parseInt(m[2], 10);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function timeNode(d, text) {
    var t = el("time", { datetime: iso(d) }, text);
    return t;
  }

  /* Kỳ họp sắp tới: còn trong tháng nếu hôm nay chưa qua ngày họp, nếu không thì tháng sau. */
  function nextMeeting(today, day) {
    var y = today.getFullYear(), m = today.getMonth() + 1;
    if (today.getDate() > day) { m += 1; if (m > 12) { m = 1; y += 1; } }
    return { y: y, m: m };
  }

  function holidaysOn(date) {
    var names = [];
    Array.prototype.forEach.call(document.querySelectorAll(".sotay-holiday time[datetime]"), function (t) {
      var value = t.getAttribute("datetime");
      var md = "--" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
      if (value === md || value === iso(date)) {
        var row = t.closest("tr");
        names.push(row && row.cells[1] ? row.cells[1].textContent.trim() : value);
      }
    });
    return names;
  }

  function maybeHolidays(month) {
    return Array.prototype.map.call(
      document.querySelectorAll(".sotay-holiday-maybe.sotay-month_" + month + " .sotay-holiday-maybe__name"),
      function (n) { return n.textContent.trim(); }
    );
  }

  function init() {
    var root = document.querySelector(".sotay-planner");
    if (!root || root.querySelector(".sotay-planner__controls")) return;
    var day = classNumber(root, "sotay-day_") || 3;
    var kinds = Array.prototype.map.call(root.querySelectorAll(".sotay-kind"), function (k) {
      var m = /(?:^|\s)sotay-kind_([a-z0-9-]+)/.exec(k.className);
      var title = k.querySelector(".sotay-kind__title");
      return { id: m ? m[1] : "", title: title ? title.textContent.trim() : "" };
    });
    var state = load();
    var start = nextMeeting(new Date(), day);
    var chosen = /^(\d{4})-(\d{2})$/.exec(state.month || "");
    var y = chosen ? parseInt(chosen[1], 10) : start.y;
    var m = chosen ? parseInt(chosen[2], 10) : start.m;
    var kind = kinds.some(function (k) { return k.id === state.kind; }) ? state.kind : (kinds[0] || {}).id;

    var controls = el("div", { "class": "sotay-planner__controls" });
    var monthSelect = el("select", { id: "sotay-planner-month" });
    for (var i = 1; i <= 12; i++) monthSelect.appendChild(el("option", { value: String(i) }, "Tháng " + i));
    var yearSelect = el("select", { id: "sotay-planner-year" });
    var thisYear = new Date().getFullYear();
    for (var yy = Math.min(thisYear - 1, y); yy <= Math.max(thisYear + 3, y); yy++) {
      yearSelect.appendChild(el("option", { value: String(yy) }, String(yy)));
    }
    var prev = el("button", { type: "button", "class": "md-button sotay-planner__prev" }, "Tháng trước");
    var next = el("button", { type: "button", "class": "md-button sotay-planner__next" }, "Tháng sau");
    var field = function (label, control) {
      var wrap = el("span", { "class": "sotay-planner__field" });
      wrap.appendChild(el("label", { "for": control.id }, label));
      wrap.appendChild(control);
      return wrap;
    };
    controls.appendChild(field("Tháng", monthSelect));
    controls.appendChild(field("Năm", yearSelect));
    controls.appendChild(prev);
    controls.appendChild(next);
    var kindSelect = null;
    if (kinds.length > 1) {
      kindSelect = el("select", { id: "sotay-planner-kind" });
      kinds.forEach(function (k) { kindSelect.appendChild(el("option", { value: k.id }, k.title)); });
      controls.appendChild(field("Loại buổi họp", kindSelect));
    }
    var print = el("button", { type: "button", "class": "md-button sotay-planner__print" }, "In chương trình");
    controls.appendChild(print);
    root.insertBefore(controls, root.firstChild);

    var notice = root.querySelector(".sotay-planner__notice");
    notice.setAttribute("aria-live", "polite");
    var precedent = document.querySelector(".sotay-precedent__summary");

    function showNotice(meeting) {
      var reasons = [];
      if (meeting.getDay() === 0) reasons.push("là Chủ nhật");
      holidaysOn(meeting).forEach(function (name) { reasons.push("trùng ngày nghỉ lễ " + name); });
      var maybe = maybeHolidays(meeting.getMonth() + 1);
      notice.textContent = "";
      notice.classList.toggle("sotay-planner__notice--warn", reasons.length > 0 || maybe.length > 0);
      if (!reasons.length && !maybe.length) return;
      var p = el("p");
      var head = "Ngày " + vi(meeting) + " ";
      head += reasons.length ? reasons.join(" và ") + "." : "(" + WEEKDAYS[meeting.getDay()] +
        ") có thể là ngày nghỉ: " + maybe.join(", ") + ".";
      p.appendChild(el("strong", {}, head));
      p.appendChild(document.createTextNode(
        " Ngày họp ở đây không tự dời. Đồng chí hỏi đảng ủy cấp trên trực tiếp về ngày sinh hoạt của " +
        "tháng này và làm theo ý kiến của đảng ủy. "));
      var link = el("a", { href: "#tien-le" }, "Tiền lệ duy nhất tìm được");
      p.appendChild(link);
      if (precedent) p.appendChild(document.createTextNode(": " + precedent.textContent.trim()));
      notice.appendChild(p);
    }

    function update() {
      var meeting = new Date(y, m - 1, day);
      monthSelect.value = String(m);
      if (!yearSelect.querySelector('option[value="' + y + '"]')) {
        yearSelect.appendChild(el("option", { value: String(y) }, String(y)));
      }
      yearSelect.value = String(y);
      if (kindSelect) kindSelect.value = kind;

      var dateSpan = root.querySelector(".sotay-planner__date");
      dateSpan.textContent = "";
      dateSpan.appendChild(timeNode(meeting, WEEKDAYS[meeting.getDay()] + ", ngày " + vi(meeting)));

      Array.prototype.forEach.call(document.querySelectorAll(".sotay-step"), function (row) {
        var d = addDays(meeting, classNumber(row, "sotay-offset_") || 0);
        var cell = row.querySelector(".sotay-step__date");
        cell.textContent = "";
        cell.appendChild(timeNode(d, WEEKDAYS[d.getDay()] + ", " + vi(d)));
      });
      Array.prototype.forEach.call(document.querySelectorAll(".sotay-programme__date"), function (span) {
        span.textContent = "";
        span.appendChild(timeNode(meeting, "ngày " + vi(meeting) + " (" + WEEKDAYS[meeting.getDay()] + ")"));
      });
      Array.prototype.forEach.call(document.querySelectorAll(".sotay-programme__month"), function (span) {
        span.textContent = "tháng " + m + " năm " + y;
      });
      Array.prototype.forEach.call(document.querySelectorAll(".sotay-kind"), function (block) {
        block.hidden = kinds.length > 1 && !block.classList.contains("sotay-kind_" + kind);
      });
      showNotice(meeting);
      save({ month: y + "-" + pad(m), kind: kind });
    }

    function shift(delta) {
      m += delta;
      if (m < 1) { m = 12; y -= 1; }
      if (m > 12) { m = 1; y += 1; }
      update();
    }

    monthSelect.addEventListener("change", function () { m = parseInt(monthSelect.value, 10); update(); });
    yearSelect.addEventListener("change", function () { y = parseInt(yearSelect.value, 10); update(); });
    if (kindSelect) kindSelect.addEventListener("change", function () { kind = kindSelect.value; update(); });
    prev.addEventListener("click", function () { shift(-1); });
    next.addEventListener("click", function () { shift(1); });
    print.addEventListener("click", function () {
      var html = document.documentElement;
      html.classList.add("sotay-print-programme");
      var done = function () { html.classList.remove("sotay-print-programme"); window.removeEventListener("afterprint", done); };
      window.addEventListener("afterprint", done);
      window.print();
      setTimeout(done, 1000);
    });
    update();
  }

  window.sotayReady(init);  /* ready.js */
})();
