#!/bin/sh
# The generated completions offer what the CLI defines, and the man page
# renders (issue 19). Usage: completions.sh LUOHU GENERATED_DIR SHELL
#   bash: source the script, complete `luohu ch` and `luohu check --fo`
#   zsh, fish: the script parses (zsh -n, fish -n); exit 77 without the shell
#   man: groff renders luohu.1 with every subcommand
#   man_zh: the same of zh_CN/luohu.1, its headings and descriptions in Chinese
set -u
bin=$1 gen=$2 shell=$3
case $shell in
  bash)
    out=$(bash -c '
      . "$1/luohu.bash"
      COMP_WORDS=(luohu ch); COMP_CWORD=1; _luohu; echo "sub: ${COMPREPLY[*]}"
      COMP_WORDS=(luohu check --fo); COMP_CWORD=2; _luohu; echo "opt: ${COMPREPLY[*]}"
      COMP_WORDS=(luohu audit --b); COMP_CWORD=2; _luohu; echo "audit: ${COMPREPLY[*]}"' _ "$gen") || exit 1
    echo "$out"
    echo "$out" | grep -q "^sub: check" || { echo "FAIL: luohu ch<TAB> does not offer check"; exit 1; }
    echo "$out" | grep -q "^opt: .*--format" || { echo "FAIL: luohu check --fo<TAB> does not offer --format"; exit 1; }
    echo "$out" | grep -q "^audit: .*--bom" || { echo "FAIL: luohu audit --b<TAB> does not offer --bom"; exit 1; }
    # The script is what the binary prints now, not a stale copy.
    "$bin" --lang en completion bash | cmp -s - "$gen/luohu.bash" || { echo "FAIL: generated/luohu.bash is stale"; exit 1; } ;;
  zsh|fish)
    command -v "$shell" >/dev/null || { echo "SKIPPED: $shell not installed"; exit 77; }
    script=$gen/_luohu; [ "$shell" = fish ] && script=$gen/luohu.fish
    "$shell" -n "$script" || { echo "FAIL: $shell cannot parse $script"; exit 1; }
    grep -q "check" "$script" || { echo "FAIL: no check in $script"; exit 1; } ;;
  man)
    command -v groff >/dev/null || { echo "SKIPPED: groff not installed"; exit 77; }
    text=$(groff -k -man -Tutf8 -P-cbou "$gen/luohu.1" 2>&1) || exit 1  # plain text, no overstrike
    for word in "luohu check" "luohu audit" "luohu completion" "--max-warnings" "LUOHU_DATA"; do
      echo "$text" | grep -qF -- "$word" || { echo "FAIL: the man page lacks '$word'"; exit 1; }
    done
    groff -k -man -Tutf8 -ww -z "$gen/luohu.1" 2>&1 | grep -q . && { groff -k -man -ww -z "$gen/luohu.1"; echo "FAIL: groff warnings"; exit 1; } ;;
  man_zh)
    command -v groff >/dev/null || { echo "SKIPPED: groff not installed"; exit 77; }
    page=$gen/zh_CN/luohu.1
    text=$(groff -k -man -Tutf8 -P-cbou "$page" 2>&1) || exit 1
    for word in "名称" "概述" "luohu check" "按规则包检查政策文件" "--max-warnings" "警告多于 N 个时退出码为 1" "退出状态"; do
      echo "$text" | grep -qF -- "$word" || { echo "FAIL: the zh man page lacks '$word'"; exit 1; }
    done
    for word in "SYNOPSIS" "Check policy files" "Exit 1 when there are more than N warnings"; do
      echo "$text" | grep -qF -- "$word" && { echo "FAIL: the zh man page has English '$word'"; exit 1; }
    done
    groff -k -man -Tutf8 -ww -z "$page" 2>&1 | grep -q . && { groff -k -man -ww -z "$page"; echo "FAIL: groff warnings"; exit 1; } ;;
esac
echo "PASS: $shell"
