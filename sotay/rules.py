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
    "A01": (ERROR, "Chữ viết tắt chưa có trong includes/abbreviations.md"),
    "I01": (ERROR, "Ảnh không tồn tại"),
    "I02": (ERROR, "Ảnh thiếu mô tả (alt)"),
    "F01": (ERROR, "Front matter không phải YAML hợp lệ"),
    "F02": (ERROR, "Front matter thiếu trường bắt buộc hoặc sai kiểu"),
    "F03": (ERROR, "Trang không có trong nav của mkdocs.yml"),
    "F04": (ERROR, "Nguồn ghi trong front matter không có trong sổ đăng ký nguồn data/nguon.yml"),
    "T01": (ERROR, "Văn bản không ở dạng chuẩn NFC"),
    "T02": (ERROR, "Tệp không phải UTF-8"),
    "R01": (ERROR, "Thẻ <script> hoặc <iframe> trong trang"),
    "R02": (ERROR, "Trang tải tài nguyên từ http(s) bên ngoài (hỏng gói ngoại tuyến)"),
    "P01": (ERROR, "Chỉ thị <!-- sotay:... --> không hợp lệ"),
    "N01": (ERROR, "Trích dẫn nguon:ID không có trong sổ đăng ký nguồn data/nguon.yml"),
    "N02": (ERROR, "Tên tệp nguồn nội bộ hoặc đường dẫn nội bộ trong chữ của trang"),
    "N03": (ERROR, "Nguồn ghi trong front matter nhưng trang không trích dẫn (nguon:ID)"),
    "N04": (ERROR, "Trang trích dẫn nguồn không ghi trong front matter"),
    "V01": (ERROR, "Cụm từ không dùng theo quy ước văn phong (data/van-phong.yml)"),
    "V02": (ERROR, "Thuật ngữ không thống nhất: dùng từ đã chọn (data/van-phong.yml)"),
}


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
