#!/usr/bin/env bash
# Cài mọi thứ dự án cần vào môi trường ảo riêng của dự án (.venv, không đụng Python của hệ thống,
# PEP 668), và khi được yêu cầu, các gói Debian: Pango (PDF), Chromium và poppler (kiểm thử trình duyệt).
# Chỉ cài lại gói Python khi requirements.txt hoặc pyproject.toml đổi (so với dấu .venv/.installed).
# Dùng: scripts/install-deps.sh [--browser | --bundle]
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${SOTAY_VENV:-.venv}"
STAMP="$VENV/.installed"
mode="${1:-}"

apt_install() {
  local sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "$@" >/dev/null
}

# Python của hệ thống (python3 đầu tiên trên PATH) chỉ dùng để tạo .venv.
if [[ ! -x "$VENV/bin/python" ]]; then
  if ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    echo "install-deps: thiếu mô-đun venv/ensurepip của Python, cài python3-venv qua apt" >&2
    apt_install python3-venv
  fi
  python3 -m venv "$VENV"
fi

if [[ ! -f "$STAMP" || requirements.txt -nt "$STAMP" || pyproject.toml -nt "$STAMP" ]]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
  # Gói sotay của chính bản sao này (entry point của plugin MkDocs), không kéo thêm phụ thuộc.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
  touch "$STAMP"
fi

need=()
# --bundle (make bundle) and --browser: WeasyPrint (PDF) needs Pango from Debian.
if [[ "$mode" == "--browser" || "$mode" == "--bundle" ]]; then
  [[ -n "$(ldconfig -p 2>/dev/null | grep libpangoft2-1.0.so.0 || true)" ]] || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
if [[ "$mode" == "--browser" ]]; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
fi
if ((${#need[@]})); then
  apt_install "${need[@]}"
fi
