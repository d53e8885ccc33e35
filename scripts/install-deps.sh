#!/usr/bin/env bash
# Cài mọi thứ dự án cần trên một máy mới: gói Python (requirements.txt, gồm cả gói sotay)
# và, khi được yêu cầu, Chromium của Debian cho các bài kiểm thử trên trình duyệt.
# Dùng: scripts/install-deps.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt

if [[ "${1:-}" == "--browser" ]]; then
  need=()
  [[ -x /usr/bin/chromium ]] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  if ((${#need[@]})); then
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi
