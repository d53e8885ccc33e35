#!/usr/bin/env bash
# Cài mọi thứ dự án cần trên một máy mới: gói Python (requirements.txt, gồm cả gói sotay)
# và, khi được yêu cầu, Chromium của Debian cho các bài kiểm thử trên trình duyệt.
# Dùng: scripts/install-deps.sh [--browser | --bundle]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt

need=()
# --bundle (make bundle) and --browser: WeasyPrint (PDF) needs Pango from Debian.
if [[ "${1:-}" == "--browser" || "${1:-}" == "--bundle" ]]; then
  [[ -n "$(ldconfig -p 2>/dev/null | grep libpangoft2-1.0.so.0 || true)" ]] || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
if [[ "${1:-}" == "--browser" ]]; then
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
fi
if ((${#need[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
