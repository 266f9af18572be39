#!/bin/sh
# cmake --install into a fresh prefix, move the prefix, and check an example
# with no checkout in reach: the binary must find its data beside itself
# (issue 19). Mode "hidden" also mounts an empty tmpfs over the checkout and
# the build tree (unshare; exit 77, skipped, where namespaces are not allowed).
# Usage: relocated.sh BUILD_DIR SOURCE_DIR visible|hidden
set -u
build=$1 src=$2 mode=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/first" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
mv "$tmp/first" "$tmp/moved"
mkdir "$tmp/work"
cp "$src/examples/violations/T9-qujing-insurance-4y.luohu" "$tmp/work/policy.luohu"
run() {  # the check as a user would run it: no LUOHU_DATA, cwd outside any checkout
  cd "$tmp/work" && env -u LUOHU_DATA XDG_CACHE_HOME="$tmp/cache" "$tmp/moved/bin/luohu" "$@"
}
if [ "$mode" = hidden ]; then
  if ! unshare -rm true 2>/dev/null; then echo "SKIPPED: unshare -rm is not permitted here"; exit 77; fi
  export tmp src build
  exec unshare -rm sh -c '
    mount -t tmpfs none "$src" && { [ -d "$build" ] && mount -t tmpfs none "$build" 2>/dev/null; true; } || exit 1
    [ -z "$(ls -A "$src")" ] || { echo "FAIL: the checkout is still visible"; exit 1; }
    cd "$tmp/work" || exit 1
    out=$(env -u LUOHU_DATA XDG_CACHE_HOME="$tmp/cache" "$tmp/moved/bin/luohu" --lang en check --format gcc policy.luohu 2>&1); rc=$?
    echo "$out"
    [ $rc = 1 ] || { echo "FAIL: exit $rc, expected 1 (findings)"; exit 1; }
    echo "$out" | grep -q "T9-SOCIAL-INSURANCE-MEDIUM" || { echo "FAIL: no T9 finding"; exit 1; }
    echo "PASS: checked from a moved prefix with the checkout hidden"'
fi
out=$(run --lang en check --format gcc policy.luohu 2>&1); rc=$?
echo "$out"
[ $rc = 1 ] || { echo "FAIL: exit $rc, expected 1 (findings)"; exit 1; }
echo "$out" | grep -q "policy.luohu:24:5: error: .*\[T9-SOCIAL-INSURANCE-MEDIUM\]" || { echo "FAIL: no T9 finding at 24:5"; exit 1; }
# Nothing rendered names the checkout or the build tree.
for format in sarif json human; do
  run --lang en check --format $format policy.luohu >"$tmp/out.$format" 2>&1
  if grep -F -e "$src" -e "$build" "$tmp/out.$format"; then echo "FAIL: --format $format names a build-machine path"; exit 1; fi
done
# A moved copy with its data gone says where it looked.
rm -rf "$tmp/moved/share/luohu"
run check policy.luohu >"$tmp/missing" 2>&1
grep -q "moved/share/luohu" "$tmp/missing" || { cat "$tmp/missing"; echo "FAIL: the error does not name the data directory"; exit 1; }
echo "PASS: installed, moved, checked; no build-machine path in sarif, json or human output"
