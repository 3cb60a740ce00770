# tests/serve/lib.sh: helpers of the server tests, sourced by tests/golden/serve/*/cmd
# (which run with $EGF and $TOP set, in a scratch directory).
#
# The organisation (tests/serve/org): sam manages mia, who manages ana, bo and cy;
# sam also manages uma (another team); cole is on no one's chain. Forms of cycle
# 2026-H1 about ana: her self-assessment, mia's manager assessment (with two
# private notes) and bo's peer assessment. Accounts: every person but cy, and hr
# (not a person, role hr). Roles of the matrix, for person ana: subject ana,
# manager mia, skip-level sam, peer author bo, unrelated uma, hr, committee cole
# (on session S1: target D2, team core), signed out.
org=$TOP/tests/serve/org
cycle=2026-H1
roles="ana mia sam bo uma hr cole out"

serve_setup() {
	export EGF_DB=t.db
	"$EGF" publish "$org/ladder" > /dev/null &&
	"$EGF" people import "$org/people.csv" > /dev/null &&
	"$EGF" assess import "$org"/forms/*.md > /dev/null || return 1
	printf 'hr-password-1\n' | "$EGF" user add --role hr --password-stdin hr > /dev/null
	for u in ana mia sam bo uma cole; do
		printf 'pw-%s-12345\n' "$u" | "$EGF" user add --password-stdin "$u" > /dev/null
	done
	for u in ana mia sam bo uma cole hr; do
		"$EGF" user token "$u" > "tok.$u" || return 1
	done
}

# serve_start NAME [ARGS...]: starts egf serve on a free port; sets $url.
serve_start() {
	name=$1
	shift
	"$EGF" serve --listen 127.0.0.1:0 "$@" 2> "$name.log" &
	echo $! > "$name.pid"
	i=0
	while ! grep -q 'listening on' "$name.log"; do
		i=$((i + 1))
		if [ $i -gt 600 ] || ! kill -0 "$(cat "$name.pid")" 2> /dev/null; then
			echo "egf serve did not start:" >&2
			cat "$name.log" >&2
			return 1
		fi
		sleep 0.05
	done
	port=$(sed -n 's/.*listening on https*:\/\/[^ ]*:\([0-9]*\) .*/\1/p' "$name.log")
	url=http://127.0.0.1:$port
}

# serve_stop NAME: SIGTERM; prints the exit status and any sanitizer report.
serve_stop() {
	kill -TERM "$(cat "$1.pid")"
	wait "$(cat "$1.pid")"
	echo "$1 stopped: exit $?"
	grep -A 20 'Sanitizer' "$1.log" >&2
	return 0
}

# as WHO CURL-ARGS...: curl as an account (bearer token) or signed out ("out").
as() {
	who=$1
	shift
	if [ "$who" = out ]; then
		curl -s "$@"
	else
		curl -s -H "Authorization: Bearer $(cat "tok.$who")" "$@"
	fi
}

# code WHO METHOD URL [BODY-FILE]: the status of one request.
code() {
	if [ -n "${4:-}" ]; then
		as "$1" -o /dev/null -w '%{http_code}' -X "$2" --data-binary "@$4" "$url$3"
	elif [ "$2" = POST ]; then
		as "$1" -o /dev/null -w '%{http_code}' -X POST --data-binary '' "$url$3"
	else
		as "$1" -o /dev/null -w '%{http_code}' "$url$3"
	fi
}

# The calibration session S1 that makes cole a committee member.
serve_session() {
	printf '{"id": "S1", "title": "D2, core", "levels": ["D2"], "teams": ["core"], "committee": ["cole"]}' > s1.json
	[ "$(code hr POST /api/v1/cycles/$cycle/sessions s1.json)" = 201 ]
}
