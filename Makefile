# Các động từ của dự án. Hai lệnh cho máy mới: `make serve` và `make test`.
# Mọi công cụ chạy từ môi trường ảo của dự án (.venv), do scripts/install-deps.sh tạo và cập nhật.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: deps install serve build check test lint bench bench-bundle bench-search bundle release clean

# .venv và gói Python: chỉ cài lại khi requirements.txt hoặc pyproject.toml đổi.
$(STAMP): requirements.txt pyproject.toml
	scripts/install-deps.sh

deps: $(STAMP)

install:            ## Cài gói Python và Chromium (cho kiểm thử trình duyệt)
	scripts/install-deps.sh --browser

ADDR ?= 127.0.0.1:8000
serve: $(STAMP)     ## Cài đặt rồi chạy trang ở http://127.0.0.1:8000 (ADDR=… đổi địa chỉ)
	$(BIN)/mkdocs serve -a $(ADDR)

build: $(STAMP)     ## Dựng trang (strict: cảnh báo là lỗi) vào site/
	$(BIN)/mkdocs build --strict

check: $(STAMP)           ## Kiểm tra liên kết, trích dẫn, chữ viết tắt, front matter, NFC, ...
	$(PYTHON) -m sotay check

lint: $(STAMP)      ## ruff
	$(BIN)/ruff check sotay scripts tests

test:               ## Cài đặt rồi chạy mọi kiểm thử (đơn vị, dựng trang, trình duyệt)
	scripts/install-deps.sh --browser
	$(BIN)/ruff check sotay scripts tests
	$(PYTHON) -m sotay check
	$(PYTHON) ../shared/tools/overlap_check.py docs/ || { [ ! -f ../shared/tools/overlap_check.py ] && echo "overlap_check: không có ../shared, bỏ qua"; }
	$(PYTHON) -m pytest -q

bench: $(STAMP)           ## Đo tốc độ bộ kiểm tra và phần hook (in số liệu, không phải kiểm thử)
	$(PYTHON) scripts/bench_checker.py
	$(MAKE) --no-print-directory bench-bundle
	$(MAKE) --no-print-directory bench-search

bundle:             ## Gói ngoại tuyến (zip), sổ tay PDF, mẫu Word, tệp Kiwix vào dist/ (VERSION=… đặt số ấn bản)
	scripts/install-deps.sh --bundle
	$(PYTHON) -m sotay bundle --version $(VERSION) --out dist

bench-bundle: $(STAMP)## Thời gian dựng và cỡ từng tệp của gói (thư mục tạm, không đụng dist/)
	$(PYTHON) scripts/bench_bundle.py --version $(VERSION)

bench-search: $(STAMP)## Tìm kiếm: cỡ chỉ mục, thời gian tới kết quả đầu, độ trễ khi CPU chậm 4×, tỉ lệ trúng (ours vs stock)
	$(PYTHON) scripts/bench_search.py

ALIAS ?= latest
release: $(STAMP)   ## Phát hành ấn bản lên gh-pages bằng mike: make release VERSION=2025.1 [PUSH=1] [REPLACE=1] [ALIAS=]
	$(PYTHON) scripts/release.py --version "$(VERSION)" --alias "$(ALIAS)" \
		$(if $(filter 1 yes true,$(PUSH)),--push) $(if $(filter 1 yes true,$(REPLACE)),--replace)

clean:
	rm -rf site dist .pytest_cache  # .venv stays: `rm -rf .venv` to start over
