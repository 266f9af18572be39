#!/bin/sh
# CPack builds a .deb holding bin/luohu and share/luohu/{registry,rules,docs}
# (issue 19). Exit 77 (skipped) without dpkg-deb. Usage: deb.sh BUILD_DIR
set -u
build=$1
command -v dpkg-deb >/dev/null || { echo "SKIPPED: dpkg-deb not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$tmp" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { cat "$tmp/cpack.log"; echo "FAIL: no .deb written"; exit 1; }
dpkg-deb -c "$deb" >"$tmp/contents"
for f in ./usr/bin/luohu ./usr/share/luohu/registry/cities.yaml ./usr/share/luohu/rules/pack.yaml \
         ./usr/share/luohu/docs/rules/T9-SOCIAL-INSURANCE-MEDIUM.md; do
  grep -q " $f\$" "$tmp/contents" || { cat "$tmp/contents"; echo "FAIL: $f is not in $(basename "$deb")"; exit 1; }
done
dpkg-deb -x "$deb" "$tmp/root"
mkdir "$tmp/work" && printf '城市 530300 曲靖市;\n' >"$tmp/work/p.luohu"
(cd "$tmp/work" && env -u LUOHU_DATA XDG_CACHE_HOME="$tmp/cache" "$tmp/root/usr/bin/luohu" --lang en check p.luohu >"$tmp/out" 2>&1)
rc=$?
[ $rc -le 1 ] || { cat "$tmp/out"; echo "FAIL: the unpacked .deb's luohu exits $rc"; exit 1; }
echo "PASS: $(basename "$deb"): $(wc -l <"$tmp/contents") entries; its luohu checks from the unpacked tree"
