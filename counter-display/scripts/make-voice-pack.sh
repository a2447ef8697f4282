#!/usr/bin/env bash
# Generates the default voice clip pack of the lobby display (counter-display/public/voice/default/) offline,
# with Debian's espeak-ng (Vietnamese voice) and sox. The result is committed: CI and the centers' machines never
# run espeak, and a center may replace the whole folder with its own recordings (see public/voice/README.md).
#
# Usage: counter-display/scripts/make-voice-pack.sh [output-dir]
#   ESPEAK_VOICE  espeak-ng voice (default "vi"; "vi-vn-x-south" and "vi-vn-x-central" also exist)
#   ESPEAK_SPEED  words per minute (default 150: a little slower than espeak's 175, announcements must be clear)
#
# Every clip is mono, 16-bit, 22050 Hz (speech needs no more, and the pack stays small), its leading and trailing
# silence trimmed so that clips played back to back sound like one sentence, peak-normalised to -3 dBFS so that
# words recorded separately have the same level. Dither is off (-D) so that a rerun gives identical files and
# no noise in git diffs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/../public/voice/default}"
voice="${ESPEAK_VOICE:-vi}"
speed="${ESPEAK_SPEED:-150}"
rate=22050

die() {
  echo "make-voice-pack: $*" >&2
  exit 1
}

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install espeak-ng sox)"
done

# phrase|file-stem[|text given to espeak when it reads the phrase badly]
# The phrase is the manifest key: NFC, lower case, exactly as announcement.ts produces it (number-words.ts for
# numbers). A test (clip-engine.test.ts) checks that this pack covers every word a queue or counter number can
# produce, so a word added to number-words.ts without a clip here fails CI.
# File names are ASCII; where two words differ only by their marks the tone name tells them apart
# (một/mốt → mot/mot-sac, mười/mươi → muoi/muoi-ngang).
phrases=(
  # Digits.
  'không|khong'
  'một|mot'
  'hai|hai'
  'ba|ba'
  'bốn|bon'
  'năm|nam'
  'sáu|sau'
  'bảy|bay'
  'tám|tam'
  'chín|chin'
  # Whole-number reading: mười/mươi, mốt, lăm, tư, linh (north) / lẻ (south), nghìn (north) / ngàn (south).
  'mười|muoi'
  'mươi|muoi-ngang'
  'mốt|mot-sac'
  'lăm|lam'
  'tư|tu'
  'linh|linh'
  'lẻ|le'
  'trăm|tram'
  'nghìn|nghin'
  'ngàn|ngan'
  'triệu|trieu'
  # Letter names of number prefixes (A012 → "a không một hai"); "vê kép" and "i dài" are said as two words.
  'a|chu-a'
  'bê|chu-be'
  'xê|chu-xe'
  'đê|chu-de'
  'e|chu-e'
  'ép|chu-ep'
  'gờ|chu-go'
  'hát|chu-hat'
  'i|chu-i'
  'gi|chu-gi|di'
  'ca|chu-ca'
  'e-lờ|chu-e-lo'
  'em-mờ|chu-em-mo'
  'en-nờ|chu-en-no'
  'o|chu-o'
  'pê|chu-pe'
  'quy|chu-quy'
  'e-rờ|chu-e-ro'
  'ét-sì|chu-et-si'
  'tê|chu-te'
  'u|chu-u'
  'vê|chu-ve'
  'kép|kep'
  'ích-xì|chu-ich-xi'
  'dài|dai'
  'dét|chu-det'
  # Sentence pieces, whole, so that the usual sentences sound like one breath.
  'xin mời công dân có số thứ tự|xin-moi-cong-dan-co-so-thu-tu'
  'kính mời công dân có số thứ tự|kinh-moi-cong-dan-co-so-thu-tu'
  'xin mời khách hàng có số thứ tự|xin-moi-khach-hang-co-so-thu-tu'
  'kính mời khách hàng có số thứ tự|kinh-moi-khach-hang-co-so-thu-tu'
  'đến quầy số|den-quay-so'
  'xin cảm ơn|xin-cam-on'
  # Their words one by one: a center's own template ("Mời số {number} đến quầy {counter}") is then still said
  # from clips, word by word, instead of falling back to the browser's voice.
  'xin|xin'
  'kính|kinh'
  'mời|moi'
  'công dân|cong-dan'
  'khách hàng|khach-hang'
  'có|co'
  'số|so'
  'thứ tự|thu-tu'
  'đến|den'
  'quầy|quay'
  'cảm ơn|cam-on'
)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$out"
out="$(cd "$out" && pwd)"
# Start clean: a clip renamed or dropped here must not linger in the committed pack.
rm -f "$out"/*.wav "$out/manifest.json"

declare -A used_files=()
declare -A used_phrases=()
clips_json=''

for entry in "${phrases[@]}"; do
  IFS='|' read -r phrase stem spoken <<<"$entry"
  file="$stem.wav"
  [[ -z "${used_files[$file]+x}" ]] || die "two phrases share the file $file"
  [[ -z "${used_phrases[$phrase]+x}" ]] || die "the phrase '$phrase' is listed twice"
  used_files[$file]=1
  used_phrases[$phrase]=1
  # Hyphens join the syllables of a letter name ("e-lờ"); espeak would read them as a pause or a sign.
  text="${spoken:-${phrase//-/ }}"
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
  sox -D -V1 "$tmp/raw.wav" -r "$rate" -c 1 -b 16 "$out/$file" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    norm -3
  [[ -n "$clips_json" ]] && clips_json+=$',\n'
  clips_json+="    \"$phrase\": \"$file\""
done

# The chime: three soft descending bell tones (F major: A5, F5, C5), each a sine with a quieter octave partial
# and a logarithmic decay, overlapping, 1.2 s in all, well below the speech level so that it draws attention
# without startling.
bell() { # bell <frequency> <length> <start> <output>
  local f="$1" len="$2" start="$3" outfile="$4"
  sox -D -V1 -n -r "$rate" -c 1 -b 16 "$tmp/fund.wav" synth "$len" sine "$f" fade l 0.005 "$len" "$len"
  sox -D -V1 -n -r "$rate" -c 1 -b 16 "$tmp/octave.wav" synth "$len" sine "$(awk "BEGIN{print $f*2}")" \
    fade l 0.005 "$len" "$(awk "BEGIN{print $len/2}")" vol 0.25
  sox -D -V1 -m "$tmp/fund.wav" "$tmp/octave.wav" "$outfile" pad "$start" 0
}
bell 880.00 0.70 0.00 "$tmp/bell1.wav"
bell 698.46 0.75 0.25 "$tmp/bell2.wav"
bell 523.25 0.75 0.45 "$tmp/bell3.wav"
sox -D -V1 -m "$tmp/bell1.wav" "$tmp/bell2.wav" "$tmp/bell3.wav" "$out/chime.wav" \
  trim 0 1.2 fade t 0.005 1.2 0.2 norm -8

# The manifest, formatted as Prettier formats JSON (the repository's lint checks it).
cat >"$out/manifest.json" <<EOF
{
  "name": "espeak-ng $voice (mặc định)",
  "version": 1,
  "chime": "chime.wav",
  "clips": {
$clips_json
  }
}
EOF

count="$(find "$out" -maxdepth 1 -name '*.wav' | wc -l)"
size="$(du -cb "$out"/*.wav "$out/manifest.json" | tail -n 1 | cut -f 1)"
echo "make-voice-pack: $count WAV files ($((${#phrases[@]})) clips + chime), $size bytes in $out"
