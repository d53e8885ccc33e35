# Các động từ của dự án. Hai lệnh cho máy mới: `make serve` và `make test`.
# Mọi công cụ chạy từ môi trường ảo của dự án (.venv), do scripts/install-deps.sh tạo và cập nhật.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed

# Values typed on the command line (VERSION, ALIAS, PUSH, REPLACE, BUNDLE_OUT) reach recipes only through the
# environment, read as "$$VERSION": make does not expand them ($(value ...), :=) and no shell parses them.
ALIAS ?= latest
BUNDLE_OUT ?= dist
override VERSION := $(value VERSION)
override ALIAS := $(value ALIAS)
override PUSH := $(value PUSH)
override REPLACE := $(value REPLACE)
override BUNDLE_OUT := $(value BUNDLE_OUT)
export VERSION ALIAS PUSH REPLACE BUNDLE_OUT

.PHONY: deps install serve build check test test-fast lint bench bench-bundle bench-search bundle release clean

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

test-fast: $(STAMP)  ## Kiểm thử nhanh (dưới 30 s): đơn vị, bộ kiểm tra, bản dựng nhỏ; không trình duyệt
	$(BIN)/ruff check sotay scripts tests
	$(PYTHON) -m pytest -q -m "not slow and not browser"

bench: $(STAMP)           ## Đo tốc độ bộ kiểm tra và phần hook (in số liệu, không phải kiểm thử)
	$(PYTHON) scripts/bench_checker.py
	$(MAKE) --no-print-directory bench-bundle
	$(MAKE) --no-print-directory bench-search

bundle:             ## Gói ngoại tuyến (zip), sổ tay PDF, mẫu Word, tệp Kiwix vào dist/ (VERSION=… số ấn bản; BUNDLE_OUT=… thư mục)
	scripts/install-deps.sh --bundle
	$(PYTHON) -m sotay bundle $${VERSION:+--version "$$VERSION"} --out "$$BUNDLE_OUT"

bench-bundle: $(STAMP)## Thời gian dựng và cỡ từng tệp của gói (thư mục tạm, không đụng dist/)
	$(PYTHON) scripts/bench_bundle.py $${VERSION:+--version "$$VERSION"}

bench-search: $(STAMP)## Tìm kiếm: cỡ chỉ mục, thời gian tới kết quả đầu, độ trễ khi CPU chậm 4×, tỉ lệ trúng (ours vs stock)
	$(PYTHON) scripts/bench_search.py

# exec: make passes a SIGTERM on to the release itself, not to a shell that would leave it running.
release: $(STAMP)   ## Phát hành ấn bản lên gh-pages bằng mike: make release VERSION=2025.1 [PUSH=1] [REPLACE=1] [ALIAS=]
	exec $(PYTHON) scripts/release.py --version "$$VERSION" --alias "$$ALIAS" \
		$(if $(filter 1 yes true,$(PUSH)),--push) $(if $(filter 1 yes true,$(REPLACE)),--replace)

clean:
	rm -rf site dist .pytest_cache  # .venv stays: `rm -rf .venv` to start over
