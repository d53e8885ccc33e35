# Các động từ của dự án. Hai lệnh cho máy mới: `make serve` và `make test`.
PYTHON ?= python3
VERSION ?= $(shell $(PYTHON) -c "import sotay; print(sotay.__version__)" 2>/dev/null || echo dev)

.PHONY: install serve build check test lint bench bench-bundle bench-search bundle release clean

install:            ## Cài gói Python và Chromium (cho kiểm thử trình duyệt)
	scripts/install-deps.sh --browser

serve:              ## Cài đặt rồi chạy trang ở http://127.0.0.1:8000
	scripts/install-deps.sh
	mkdocs serve -a 127.0.0.1:8000

build:              ## Dựng trang (strict: cảnh báo là lỗi) vào site/
	mkdocs build --strict

check:              ## Kiểm tra liên kết, trích dẫn, chữ viết tắt, front matter, NFC, ...
	$(PYTHON) -m sotay check

lint:               ## ruff
	ruff check sotay scripts tests overrides/hooks

test:               ## Cài đặt rồi chạy mọi kiểm thử (đơn vị, dựng trang, trình duyệt)
	scripts/install-deps.sh --browser
	ruff check sotay scripts tests overrides/hooks
	$(PYTHON) -m sotay check
	$(PYTHON) ../shared/tools/overlap_check.py docs/ || { [ ! -f ../shared/tools/overlap_check.py ] && echo "overlap_check: không có ../shared, bỏ qua"; }
	$(PYTHON) -m pytest -q

bench:              ## Đo tốc độ bộ kiểm tra và phần hook (in số liệu, không phải kiểm thử)
	$(PYTHON) scripts/bench_checker.py
	$(MAKE) --no-print-directory bench-bundle
	$(MAKE) --no-print-directory bench-search

bundle:             ## Gói ngoại tuyến (zip), sổ tay PDF, mẫu Word, tệp Kiwix vào dist/ (VERSION=… đặt số ấn bản)
	scripts/install-deps.sh --bundle
	$(PYTHON) -m sotay bundle --version $(VERSION) --out dist

bench-bundle:       ## Thời gian dựng và cỡ từng tệp của gói (thư mục tạm, không đụng dist/)
	$(PYTHON) scripts/bench_bundle.py --version $(VERSION)

bench-search:       ## Tìm kiếm: cỡ chỉ mục, thời gian tới kết quả đầu, độ trễ khi CPU chậm 4×, tỉ lệ trúng (ours vs stock)
	$(PYTHON) scripts/bench_search.py

ALIAS ?= latest
release:            ## Phát hành ấn bản lên gh-pages bằng mike: make release VERSION=2025.1 [PUSH=1] [REPLACE=1] [ALIAS=]
	$(PYTHON) scripts/release.py --version "$(VERSION)" --alias "$(ALIAS)" \
		$(if $(filter 1 yes true,$(PUSH)),--push) $(if $(filter 1 yes true,$(REPLACE)),--replace)

clean:
	rm -rf site dist .pytest_cache
