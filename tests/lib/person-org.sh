# tests/lib/person-org.sh, sourced by the person, backup and retention golden
# tests in their case directory (its ladder/ and people.csv). The hand-made organisation of the person tests: zoe (Zoe Quill) is assessed
# by herself (two revisions), her manager boss and her peer ana; she rates
# her report ana and her peer ben; she decides about ana and is decided about;
# an earlier cycle 2026-H1 holds evidence too; ben's self-assessment names
# her in its evidence. Every text is a distinct word, for grep.
export EGF_DB=t.db SOURCE_DATE_EPOCH=1790000000
form() {	# form FILE PERSON RATER ROLE CYCLE "R1 R2 R3 R4 R5" EVIDENCE PRIVATE
	{
	printf -- '---\nladder: small\nversion: "1"\ncycle: %s\nperson: %s\nrater: %s\nrole: %s\ntarget: L2\n---\n# Form\n\n' \
	    "$5" "$2" "$3" "$4"
	i=0
	for e in craft.L2.1 craft.L2.2 impact.L2.1 impact.L2.2 people.L2.1; do
		i=$((i + 1))
		r=$(echo "$6" | cut -d' ' -f$i)
		printf '### %s\nRating: %s\n' "$e" "$r"
		if [ $i -eq 1 ] && [ -n "$7" ]; then printf 'Evidence: %s\n' "$7"; fi
		if [ $i -eq 2 ] && [ -n "$8" ]; then printf 'Private: %s\n' "$8"; fi
		echo
	done
	} > "$1"
}
mkdir -p forms
"$EGF" publish ladder > /dev/null && "$EGF" people import people.csv > /dev/null || exit
form forms/h1-zoe-boss.md zoe boss manager 2026-H1 "ok dev ok dev ok" "Spring evidence gannet" "Spring note ocelot"
form forms/h1-ana-zoe.md ana zoe manager 2026-H1 "dev dev ok ok ok" "Spring evidence heron by zoe" ""
form forms/h1-ben-boss.md ben boss manager 2026-H1 "ok ok ok ok ok" "Spring evidence ibis" "Spring note puffin"
form forms/zoe-self.md zoe zoe self 2026-H2 "top top ok ok ok" "Wrote the ledger runbook aardvark" ""
"$EGF" assess import forms/*.md > /dev/null || exit
rm forms/zoe-self.md
form forms/zoe-self.md zoe zoe self 2026-H2 "top top top ok ok" "Wrote the ledger runbook bandicoot" "Self note capybara"
form forms/zoe-boss.md zoe boss manager 2026-H2 "ok ok dev ok top" "Led the quasar migration" "Struggled with estimates xylophone"
form forms/zoe-ana.md zoe ana peer 2026-H2 "ok top ok ok ok" "Helped me with the zephyr tests" ""
form forms/ana-zoe.md ana zoe manager 2026-H2 "ok dev ok ok dev" "Shipped the kumquat service" "Needs more ownership plover"
form forms/ana-self.md ana ana self 2026-H2 "ok ok ok ok ok" "My lemming work" ""
form forms/ben-zoe.md ben zoe peer 2026-H2 "ok ok dev ok ok" "Reviews carefully marmoset" "Quiet in meetings narwhal"
form forms/ben-boss.md ben boss manager 2026-H2 "dev ok dev ok ok" "Ben fixed the alerts" ""
form forms/ben-self.md ben ben self 2026-H2 "ok ok ok ok ok" "Paired with Zoe Quill on alerts" ""
form forms/cy-boss.md cy boss manager 2026-H2 "top ok ok ok ok" "Cy built the importer" ""
form forms/cy-self.md cy cy self 2026-H2 "ok top ok ok ok" "" ""
rm forms/h1-*
"$EGF" assess import forms/*.md > /dev/null &&
"$EGF" decide --person zoe --cycle 2026-H2 --outcome promote --by hr --note "Earned it walrus" > /dev/null &&
"$EGF" decide --person zoe --cycle 2026-H2 --outcome defer --by boss --note "After the audit wombat" > /dev/null &&
"$EGF" decide --person ana --cycle 2026-H2 --outcome hold --by zoe --note "After the pelican project" > /dev/null &&
"$EGF" decide --person ben --cycle 2026-H2 --outcome promote --by boss --note "Ready, says Zoe Quill" > /dev/null
