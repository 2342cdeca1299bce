# Finds the MageCloudKit engine on a Jenkins agent for the library's steps (run by MckCli with `sh -c`).
# Arguments: EXPLICIT REPOSITORY VERSION SHA256 CACHE (empty = not given).
# Prints one line: "mck PATH" (a launcher), "jar PATH" (a verified engine jar) or "err WHAT TO DO".
# Always exits 0 so the step, not sh, words the failure.
explicit=$1 repository=${2%/} version=$3 pinned=$4 cache=${5:-${HOME:-/tmp}/.cache/magecloudkit/engine}

if [ -n "$explicit" ]; then
  if [ -f "$explicit" ] && [ -x "$explicit" ]; then echo "mck $explicit"
  else echo "err mck '$explicit' is not an executable file on this agent: give the launcher's path, or leave mck out to use PATH or mckRepository"
  fi
  exit 0
fi
if found=$(command -v mck 2>/dev/null) && [ -n "$found" ]; then echo "mck $found"; exit 0; fi
if [ -z "$repository" ]; then
  echo "err no mck on this agent: install it on the PATH, give mck: '/path/to/mck', or set mckRepository (or env MCK_REPOSITORY) to a Maven repository holding io.magecloudkit:magecloudkit:$version"
  exit 0
fi
command -v java >/dev/null 2>&1 || { echo "err the engine jar needs Java 17 or later on this agent; none is on the PATH"; exit 0; }
command -v curl >/dev/null 2>&1 || { echo "err fetching the engine jar needs curl on this agent"; exit 0; }
command -v sha256sum >/dev/null 2>&1 || { echo "err checking the engine jar needs sha256sum (coreutils) on this agent"; exit 0; }

jar="$cache/magecloudkit-$version.jar"
url="$repository/io/magecloudkit/magecloudkit/$version/magecloudkit-$version.jar"
# A cached jar is used only while it still matches the digest it was verified against.
if [ -f "$jar" ] && [ -f "$jar.sha256" ]; then
  have=$(sha256sum "$jar" | cut -c1-64)
  want=$(cut -c1-64 "$jar.sha256")
  if [ "$have" = "$want" ] && { [ -z "$pinned" ] || [ "$pinned" = "$want" ]; }; then echo "jar $jar"; exit 0; fi
fi
mkdir -p "$cache" || { echo "err cannot create the engine cache $cache: set mckCache to a writable directory"; exit 0; }
part="$jar.$$.part"
trap 'rm -f "$part"' EXIT
if ! curl -fsS --retry 2 -o "$part" "$url" 2>"$part.err"; then
  echo "err cannot download the engine from $url ($(head -c 200 "$part.err" | tr '\n' ' ')): check mckRepository and mckVersion"
  rm -f "$part.err"; exit 0
fi
rm -f "$part.err"
if [ -n "$pinned" ]; then want=$pinned
elif ! want=$(curl -fsS "$url.sha256" 2>/dev/null | cut -c1-64) || [ -z "$want" ]; then
  echo "err $url.sha256 is missing: publish the jar's SHA-256 next to it, or give mckSha256"; exit 0
fi
have=$(sha256sum "$part" | cut -c1-64)
if [ "$have" != "$want" ]; then
  echo "err $url has SHA-256 $have, expected $want: not used (a corrupted or tampered download)"; exit 0
fi
mv -f "$part" "$jar" && printf '%s\n' "$want" > "$jar.sha256"
echo "jar $jar"
