#!/bin/sh
# tests/run.sh BUILD_DIR: runs the unit tests and the golden tests of egf.
#
# Unit tests: every BUILD_DIR/tests/test_* binary prints PASS or FAIL lines.
# Golden tests: every tests/golden/GROUP/CASE/ directory holds a `cmd` script
# (run with sh in a scratch copy of the directory, "$EGF" naming the binary,
# "$GEN_ORG" the organisation generator
# and "$TOP" the source tree) and the expected results beside it:
#   expected.exit     the exit status (required)
#   expected.stdout   standard output (when absent, stdout must be empty)
#   expected.stderr   standard error (when absent, stderr must be empty)
#   check             optional script run afterwards in the scratch copy;
#                     it fails the case by exiting non-zero
# The last line is "N passed, N failed".
# tests/run.sh BUILD_DIR PATTERN runs only the cases whose name (unit/test_x,
# fuzz-regress/TARGET, GROUP/CASE) matches the shell pattern, for example 'assess/*'.
build=${1:-build}
only=${2:-}
selected() {	# selected NAME: whether the case is in the run
	[ -z "$only" ] && return 0
	case $1 in
	$only) return 0 ;;
	esac
	return 1
}
top=$(pwd)
egf=$top/$build/egf
pass=0
fail=0
failed_names=
scratch=$(mktemp -d "${TMPDIR:-/tmp}/egf-tests.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM

record() {	# record NAME STATUS [DETAIL]
	if [ "$2" = ok ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed_names="$failed_names $1"
		echo "FAIL $1${3:+: $3}"
	fi
}

for bin in "$top/$build"/tests/test_*; do
	[ -x "$bin" ] || continue
	name=unit/$(basename "$bin")
	selected "$name" || continue
	"$bin" > "$scratch/unit.out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		PASS\ *) record "$name:${line#PASS }" ok ;;
		FAIL\ *) record "$name:${line#FAIL }" failed ;;
		*) echo "  $line" ;;
		esac
	done < "$scratch/unit.out"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$scratch/unit.out"; then
		record "$name" failed "exit status $rc"
	fi
done

# Fuzz regressions: every input in tests/fuzz-regress/TARGET/ (inputs that
# once crashed, and a few seeds) through the target's replay binary.
for bin in "$top/$build"/replay/*; do
	[ -x "$bin" ] || continue
	target=$(basename "$bin")
	selected "fuzz-regress/$target" || continue
	set -- "$top"/tests/fuzz-regress/"$target"/*
	[ -e "$1" ] || continue
	if "$bin" "$@" > "$scratch/replay.out" 2>&1; then
		while IFS= read -r line; do
			case $line in
			PASS\ *) record "fuzz-regress/$target/$(basename "${line#PASS }")" ok ;;
			esac
		done < "$scratch/replay.out"
	else
		record "fuzz-regress/$target" failed "$(tail -n 3 "$scratch/replay.out" | tr '\n' ' ')"
	fi
done

for dir in "$top"/tests/golden/*/*/; do
	[ -f "$dir/cmd" ] || continue
	name=$(echo "$dir" | sed "s|^$top/tests/golden/||; s|/\$||")
	selected "$name" || continue
	work=$scratch/case
	rm -rf "$work"
	mkdir -p "$work"
	cp -R "$dir". "$work"/
	(cd "$work" && EGF=$egf GEN_ORG=$top/$build/gen-org ENOSPC_SHIM=$top/$build/tests/enospc.so \
	    TOP=$top NO_COLOR=1 EGF_DB= LC_ALL=C.UTF-8 \
	    sh ./cmd > "$scratch/stdout" 2> "$scratch/stderr" < /dev/null
	 echo $? > "$scratch/exit")
	problem=
	if ! cmp -s "$scratch/exit" "$dir/expected.exit"; then
		problem="exit status $(cat "$scratch/exit"), expected $(cat "$dir/expected.exit")"
	fi
	for stream in stdout stderr; do
		if [ -f "$dir/expected.$stream" ]; then
			cmp -s "$scratch/$stream" "$dir/expected.$stream" ||
			    problem="$problem${problem:+; }$stream differs"
		elif [ -s "$scratch/$stream" ]; then
			problem="$problem${problem:+; }unexpected $stream"
		fi
	done
	if [ -z "$problem" ] && [ -f "$dir/check" ]; then
		(cd "$work" && EGF=$egf TOP=$top NO_COLOR=1 sh ./check > "$scratch/check.out" 2>&1) ||
		    problem="check failed: $(tail -n 3 "$scratch/check.out" | tr '\n' ' ')"
	fi
	if [ -n "$problem" ]; then
		record "$name" failed "$problem"
		# The difference goes to the log: a failure on CI must be
		# explainable from its output alone.
		for stream in stdout stderr; do
			[ -f "$dir/expected.$stream" ] &&
			    diff -u "$dir/expected.$stream" "$scratch/$stream" | head -n 20 | sed 's/^/    /'
		done
	else
		record "$name" ok
	fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
