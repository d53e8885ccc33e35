/*
 * Bảng rộng hơn màn hình (điện thoại 360 px) cuộn ngang trong khung của nó (sotay.css). Khung nào thật sự
 * cuộn được thì nhận tiêu điểm bàn phím (Tab rồi phím mũi tên) và có tên cho trình đọc màn hình (WCAG 2.1.1).
 */
(function () {
  "use strict";

  function label(wrap) {
    var heading = null;
    for (var node = wrap.previousElementSibling; node && !heading; node = node.previousElementSibling) {
      if (/^H[2-4]$/.test(node.tagName)) heading = node;
    }
    var title = heading ? heading.textContent.replace(/[#¶]\s*$/, "").trim() : "";
    return "Bảng" + (title ? " " + title : "") + " (vuốt hoặc dùng phím mũi tên để xem hết)";
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(init, 150);
  }

  window.sotayReady(init);  /* ready.js */
  window.addEventListener("resize", later);
})();
