"""The checker's rules: stable codes, severity and the Vietnamese wording of each finding."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"
SEVERITY_VI = {ERROR: "lỗi", WARNING: "cảnh báo"}

# code: (severity, what the rule guards)
RULES: dict[str, tuple[str, str]] = {
    "L01": (ERROR, "Liên kết tới trang hoặc tệp không có trong docs/"),
    "L02": (ERROR, "Liên kết tới neo (#...) không có trên trang đích"),
    "L03": (ERROR, "Liên kết ra ngoài thư mục docs/"),
    "L04": (ERROR, "Liên kết dùng đường dẫn tuyệt đối"),
    "C01": (ERROR, "Trích dẫn văn bản không có trong sổ đăng ký data/van-ban.yml"),
    "C02": (ERROR, "Ngày ghi cạnh trích dẫn khác ngày trong sổ đăng ký"),
    "C03": (WARNING, "Trích dẫn văn bản đã được thay thế mà không nói rõ"),
    "C04": (ERROR, "Số hiệu có ký tự ẩn, điều khiển hướng chữ, toàn khổ hoặc chữ Kirin/Hy Lạp trông như Latinh"),
    "C05": (ERROR, "Ngày ghi cạnh trích dẫn không có thật"),
    "C06": (ERROR, "Loại văn bản ghi trước số hiệu không khớp ký hiệu loại hoặc sổ đăng ký"),
    "A01": (ERROR, "Chữ viết tắt chưa có trong includes/abbreviations.md"),
    "I01": (ERROR, "Ảnh không tồn tại"),
    "I02": (ERROR, "Ảnh thiếu mô tả (alt)"),
    "F01": (ERROR, "Front matter không phải YAML hợp lệ"),
    "F02": (ERROR, "Front matter thiếu trường bắt buộc hoặc sai kiểu"),
    "F03": (ERROR, "Trang không có trong nav của mkdocs.yml"),
    "F04": (ERROR, "Nguồn ghi trong front matter không có trong sổ đăng ký nguồn data/nguon.yml"),
    "T01": (ERROR, "Văn bản không ở dạng chuẩn NFC"),
    "T02": (ERROR, "Tệp không phải UTF-8"),
    "T03": (ERROR, "Trang lồng quá sâu (danh sách, trích dẫn, khối ghi chú, chữ đậm/nghiêng, thẻ HTML)"),
    "R01": (ERROR, "Thẻ HTML không có trong danh sách cho phép (script, iframe, object, embed, style, form, "
                   "base, meta, svg, ...)"),
    "R02": (ERROR, "Trang tải tài nguyên từ http(s) bên ngoài (hỏng gói ngoại tuyến)"),
    "R03": (ERROR, "Thuộc tính HTML không được phép (sự kiện on..., style, thuộc tính lạ; cả qua attr_list)"),
    "R04": (ERROR, "URL dùng giao thức không được phép (javascript:, vbscript:, data:, file:, ...)"),
    "R05": (ERROR, "HTML trong dữ liệu hoặc front matter (title, description, sổ đăng ký, bảng viết tắt)"),
    "L05": (ERROR, "Liên kết tượng trưng trỏ ra ngoài docs/, tới thư mục, hoặc thành vòng lặp"),
    "P01": (ERROR, "Chỉ thị <!-- sotay:... --> không hợp lệ"),
    "M01": (ERROR, "Ví dụ: số có mặt, vắng, miễn sinh hoạt không cộng đúng tổng số hoặc khác danh sách đảng viên"),
    "M02": (ERROR, "Ví dụ: số phiếu biểu quyết nhiều hơn số đảng viên chính thức có mặt"),
    "M03": (ERROR, "Ví dụ: người vắng mặt (hoặc không có trong danh sách) phát biểu, điều hành hoặc được giao việc"),
    "M04": (ERROR, "Ví dụ: thời lượng các mục của chương trình không cộng đúng thời gian họp"),
    "M05": (ERROR, "Ví dụ: buổi họp ngắn hơn mức tối thiểu (90 phút; 120 phút khi ghép chuyên đề)"),
    "M06": (ERROR, "Ví dụ: mục của chương trình không có trong mô hình cuộc họp hoặc sai thứ tự"),
    "N01": (ERROR, "Trích dẫn nguon:ID không có trong sổ đăng ký nguồn data/nguon.yml"),
    "N02": (ERROR, "Tên tệp nguồn nội bộ hoặc đường dẫn nội bộ trong chữ của trang"),
    "N03": (ERROR, "Nguồn ghi trong front matter nhưng trang không trích dẫn (nguon:ID)"),
    "N04": (ERROR, "Trang trích dẫn nguồn không ghi trong front matter"),
    "V01": (ERROR, "Cụm từ không dùng theo quy ước văn phong (data/van-phong.yml)"),
    "V02": (ERROR, "Thuật ngữ không thống nhất: dùng từ đã chọn (data/van-phong.yml)"),
}

# Pages with these findings must not reach MkDocs at all: it parses front matter itself (with
# aliases: a billion-laughs title costs gigabytes once rendered) and Python-Markdown recurses
# on deep nesting (RecursionError). The build refuses them before reading (Report.blocking).
RENDER_BLOCKERS = frozenset({"F01", "T03"})


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at file:line:column, with its rule code and a message naming what is wrong."""

    file: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> str:
        return RULES[self.code][0]

    def human(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {SEVERITY_VI[self.severity]} [{self.code}] {self.message}"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity}
