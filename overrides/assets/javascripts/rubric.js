/*
 * Phiếu tự chấm điểm (cong-cu/cham-diem/): thêm ô đánh dấu, nút chọn mức, tổng điểm đang chấm và mức
 * xếp loại vào phiếu tĩnh của trang (điểm ghi trong lớp sotay-points_N, ngưỡng trong sotay-min_N).
 * Phiếu không có điểm từng tiêu chí thì đếm tiêu chí đạt, và xếp loại theo tổng điểm người chấm nhập
 * (lấy từ phiếu của đảng ủy cấp trên). Nhớ trên máy này (localStorage, cả khi mở từ file://); "Xóa phiếu"
 * hỏi lại trước khi xóa; in phiếu trống hoặc phiếu đã chấm.
 */
(function () {
  "use strict";

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(key, state) {
    try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* bộ nhớ bị tắt */ }
  }
  function number(node, prefix) {
    var m = new RegExp("(?:^|\\s)" + prefix + "(\\d+)(?:\\s|$)").exec(node.className);
    return m ? parseInt(m[1], 10) : null;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function init() {
    var root = document.querySelector(".sotay-rubric");
    if (!root || root.querySelector(".sotay-rubric__controls")) return;
    var key = "sotay:rubric:" + root.id;
    var scored = root.classList.contains("sotay-rubric--scored");
    var max = number(root, "sotay-max_") || 0;
    var state = load(key);
    state.items = state.items || {};
    state.cond = state.cond || {};
    state.total = state.total || "";

    var items = [];
    each(root.querySelectorAll("tr.sotay-item"), function (row) {
      var id = row.id.replace(/^dong-/, "");
      var text = row.querySelector(".sotay-item__text");
      var options = row.querySelectorAll(".sotay-option");
      var item = { id: id, inputs: [], points: number(row, "sotay-points_") };
      if (options.length) {
        var list = row.querySelector(".sotay-options");
        list.setAttribute("role", "radiogroup");
        list.setAttribute("aria-labelledby", text.id);
        each(options, function (li) {
          var input = el("input", { type: "radio", name: "sotay-" + id, id: "chon-" + li.id, value: li.id });
          var label = el("label", { "for": input.id });
          var span = li.querySelector(".sotay-option__label");
          label.appendChild(span);
          var box = li.querySelector(".sotay-box");
          if (box) li.removeChild(box);
          li.insertBefore(label, li.firstChild);
          li.insertBefore(input, li.firstChild);
          input.checked = state.items[id] === li.id;
          input.sotayPoints = number(li, "sotay-points_") || 0;
          item.inputs.push(input);
        });
      } else {
        var cell = row.querySelector(".sotay-item__mark");
        cell.textContent = "";
        var box = el("input", { type: "checkbox", id: "dat-" + id, "aria-labelledby": text.id });
        box.checked = !!state.items[id];
        box.sotayPoints = item.points || 0;
        cell.appendChild(box);
        item.inputs.push(box);
        /* Chạm vào dòng tiêu chí cũng đánh dấu (dễ dùng trên điện thoại). */
        row.addEventListener("click", function (event) {
          if (event.target.closest("a, input, label, button")) return;
          box.checked = !box.checked;
          box.dispatchEvent(new Event("change", { bubbles: true }));
        });
      }
      items.push(item);
    });

    var conditions = [];
    each(root.querySelectorAll(".sotay-condition"), function (li) {
      var text = li.querySelector(".sotay-condition__text");
      text.id = li.id + "-text";
      var box = el("input", { type: "checkbox", id: "chon-" + li.id, "aria-labelledby": text.id });
      var old = li.querySelector(".sotay-box");
      if (old) li.removeChild(old);
      li.insertBefore(box, li.firstChild);
      box.checked = !!state.cond[li.id];
      conditions.push(box);
    });
    var levels = Array.prototype.map.call(root.querySelectorAll("tr.sotay-level"), function (row) {
      return { row: row, min: number(row, "sotay-min_") || 0,
               label: row.querySelector(".sotay-level__label").textContent.trim(),
               boxes: row.querySelectorAll(".sotay-condition input[type=checkbox]") };
    });
    levels.sort(function (a, b) { return b.min - a.min; });

    var controls = el("div", { "class": "sotay-rubric__controls" });
    var reset = el("button", { type: "button", "class": "md-button sotay-rubric__reset" }, "Xóa phiếu");
    var printBlank = el("button", { type: "button", "class": "md-button sotay-rubric__print-blank" }, "In phiếu trống");
    var printFilled = el("button", { type: "button", "class": "md-button sotay-rubric__print-filled" },
                         "In phiếu đã chấm");
    controls.appendChild(reset);
    controls.appendChild(printBlank);
    controls.appendChild(printFilled);

    var result = el("div", { "class": "sotay-rubric__result", role: "status", "aria-live": "polite" });
    var count = el("span", { "class": "sotay-rubric__count" });
    var totalText = el("span", { "class": "sotay-rubric__total" });
    var levelText = el("span", { "class": "sotay-rubric__level" });
    result.appendChild(count);
    result.appendChild(totalText);
    result.appendChild(levelText);
    var totalInput = null;
    if (!scored) {
      var wrap = el("p", { "class": "sotay-rubric__total-field" });
      totalInput = el("input", { type: "number", id: "sotay-rubric-total", min: "0", max: String(Math.max(max, 100)),
                                 step: "1", inputmode: "numeric" });
      totalInput.value = state.total;
      wrap.appendChild(el("label", { "for": totalInput.id }, "Tổng điểm theo phiếu của đảng ủy cấp trên: "));
      wrap.appendChild(totalInput);
      root.querySelector(".sotay-rubric__levels").insertBefore(wrap, root.querySelector(".sotay-levels"));
    }
    var firstGroup = root.querySelector(".sotay-rubric__group");
    root.insertBefore(controls, firstGroup);
    root.insertBefore(result, firstGroup);

    function currentTotal() {
      if (!scored) {
        var v = totalInput.value.trim();
        return v === "" || isNaN(parseInt(v, 10)) ? null : parseInt(v, 10);
      }
      var sum = 0;
      items.forEach(function (item) {
        item.inputs.forEach(function (input) { if (input.checked) sum += input.sotayPoints; });
      });
      return sum;
    }

    function update() {
      var done = items.filter(function (item) { return item.inputs.some(function (i) { return i.checked; }); }).length;
      count.textContent = "Đã chấm " + done + "/" + items.length + " tiêu chí";
      var total = currentTotal();
      totalText.textContent = scored ? " · Tổng: " + total + "/" + max + " điểm" :
        (total === null ? "" : " · Tổng điểm: " + total);
      var found = null;
      if (total !== null) {
        found = levels.filter(function (lv) {
          return total >= lv.min && Array.prototype.every.call(lv.boxes, function (b) { return b.checked; });
        })[0] || null;
      }
      levels.forEach(function (lv) {
        var on = lv === found;
        lv.row.classList.toggle("sotay-level--current", on);
        if (on) lv.row.setAttribute("aria-current", "true"); else lv.row.removeAttribute("aria-current");
      });
      levelText.textContent = found ? " · Xếp loại: " + found.label :
        (total === null ? " · Nhập tổng điểm để xem mức xếp loại" : " · Chưa xếp loại");
      state.items = {};
      items.forEach(function (item) {
        item.inputs.forEach(function (input) {
          if (input.checked) state.items[item.id] = input.type === "radio" ? input.value : 1;
        });
      });
      state.cond = {};
      conditions.forEach(function (b) { if (b.checked) state.cond[b.id.replace(/^chon-/, "")] = 1; });
      state.total = totalInput ? totalInput.value : "";
      save(key, state);
    }

    root.addEventListener("change", update);
    if (totalInput) totalInput.addEventListener("input", update);
    reset.addEventListener("click", function () {
      if (!window.confirm("Xóa mọi đánh dấu và tổng điểm trên phiếu này?")) return;
      items.forEach(function (item) { item.inputs.forEach(function (i) { i.checked = false; }); });
      conditions.forEach(function (b) { b.checked = false; });
      if (totalInput) totalInput.value = "";
      update();
    });
    function printAs(mode) {
      var html = document.documentElement;
      html.classList.remove("sotay-print-blank");  /* lần in trước chưa dọn xong */
      html.classList.add("sotay-print-rubric");
      if (mode === "blank") html.classList.add("sotay-print-blank");
      var done = function () {
        html.classList.remove("sotay-print-rubric", "sotay-print-blank");
        window.removeEventListener("afterprint", done);
      };
      window.addEventListener("afterprint", done);
      window.print();
      setTimeout(done, 1000);
    }
    printBlank.addEventListener("click", function () { printAs("blank"); });
    printFilled.addEventListener("click", function () { printAs("filled"); });
    update();
  }

  window.sotayReady(init);  /* ready.js */
})();
