# tests/cycle/lib.sh: helpers of the cycle tests, sourced by tests/golden/cycle/*/cmd
# (which run with $EGF and $TOP set, in a scratch directory).
#
# The organisation (tests/cycle/org), written for these tests and used by no
# other: ladder sre 2027.1 (track ops, levels S1 to S3, two competencies);
# dana leads eli (team edge: fay, gus) and hal (team storage: ivy, jon). Jon's
# name starts with '=' (a spreadsheet formula, for the CSV of late people).
# Today is 2026-09-21 (SOURCE_DATE_EPOCH 1790000000) unless a case says otherwise.
org=$TOP/tests/cycle/org
cycle=2027-A
export EGF_DB=t.db SOURCE_DATE_EPOCH=1790000000

cycle_setup() {
	"$EGF" publish "$org/ladder" > /dev/null &&
	"$EGF" people import "$org/people.csv" > /dev/null
}

# form PERSON ROLE [RATER] [RATING]: writes PERSON-ROLE[-RATER].md, every
# expectation rated RATING (default meets), a blank form of egf assess new.
form() {
	f=$1-$2${3:+-$3}.md
	"$EGF" assess new --person "$1" --cycle "${FORM_CYCLE:-$cycle}" --role "$2" \
	    ${3:+--rater "$3"} | sed "s/^Rating:\$/Rating: ${4:-meets}/" > "$f"
}

# revisions PERSON: the number of stored forms about PERSON in the cycle.
revisions() {
	sqlite3 t.db "SELECT count(*) FROM assessments WHERE cycle = '$cycle' AND person = '$1'"
}
