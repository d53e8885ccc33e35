"""A test double of the meeting model (issue 9) in the shape its contract publishes as quy-trinh.json, until
the real model (data/quy-trinh/, sotay.meeting) is merged. Offsets and steps are made up for the tests only;
they are never shipped."""

from __future__ import annotations

from typing import Any

QUY_TRINH: dict[str, Any] = {
    "schema": "so-tay-sinh-hoat-chi-bo/quy-trinh/1",
    "kinds": [
        {
            "id": "chuyen-de", "title": "Sinh hoạt chuyên đề", "minimum_minutes": 90,
            "steps": [
                {"id": "de-dan", "phase": "chuan-bi", "title": "Duyệt đề dẫn chuyên đề", "who": "Chi ủy",
                 "minutes": None, "day_offset": -5, "sources": [], "page": "quy-trinh/sinh-hoat-chuyen-de/#de-dan"},
                {"id": "trinh-bay", "phase": "noi-dung", "title": "Trình bày đề dẫn", "who": "Đảng viên được giao",
                 "minutes": 20, "day_offset": None, "sources": [], "page": "quy-trinh/sinh-hoat-chuyen-de/#trinh-bay"},
            ],
        },
        {
            "id": "thuong-ky", "title": "Sinh hoạt chi bộ thường kỳ", "minimum_minutes": 90,
            "steps": [
                {"id": "hop-chi-uy", "phase": "chuan-bi", "title": "Họp chi ủy chuẩn bị", "who": "Chi ủy",
                 "minutes": None, "day_offset": -7, "sources": [], "page": "quy-trinh/sinh-hoat-thuong-ky/#hop-chi-uy"},
                {"id": "gui-tai-lieu", "phase": "chuan-bi", "title": "Đưa tài liệu lên Sổ tay đảng viên điện tử",
                 "who": "Bí thư", "minutes": None, "day_offset": -1, "sources": [],
                 "page": "quy-trinh/sinh-hoat-thuong-ky/#gui-tai-lieu"},
                {"id": "khai-mac", "phase": "mo-dau", "title": "Khai mạc, điểm danh", "who": "Chủ trì",
                 "minutes": 10, "day_offset": 0, "sources": [], "page": "quy-trinh/sinh-hoat-thuong-ky/#khai-mac"},
                {"id": "thao-luan", "phase": "noi-dung", "title": "Thảo luận", "who": "Đảng viên",
                 "minutes": 40, "day_offset": None, "sources": [], "page": "quy-trinh/sinh-hoat-thuong-ky/#thao-luan"},
                {"id": "be-mac", "phase": "ket-thuc", "title": "Thông qua biên bản, bế mạc", "who": "Thư ký, chủ trì",
                 "minutes": 10, "day_offset": None, "sources": [], "page": "quy-trinh/sinh-hoat-thuong-ky/#be-mac"},
                {"id": "hoan-thien", "phase": "sau-cuoc-hop", "title": "Hoàn thiện biên bản, nghị quyết",
                 "who": "Thư ký", "minutes": None, "day_offset": 2, "sources": [],
                 "page": "quy-trinh/sinh-hoat-thuong-ky/#be-mac"},
            ],
        },
    ],
}

IN_MEETING_TITLES = ["Khai mạc, điểm danh", "Thảo luận", "Thông qua biên bản, bế mạc"]
