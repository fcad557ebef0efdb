#!/usr/bin/env bash
# What `make run` does after loading the bundled record: a short guided tour of the `ordo`
# command against it; `make run` then starts `ordo serve`.
#   scripts/main-job.sh BUILD_ORDO DB
set -uo pipefail

ordo=${1:?usage: scripts/main-job.sh PATH/TO/ordo DB}
db=${2:?usage: scripts/main-job.sh PATH/TO/ordo DB}

step() {
  printf '\n$ ordo %s\n' "$*"
  "$ordo" --db "$db" "$@"
  local code=$?
  [ "$code" -eq 0 ] || printf '(exit code %d)\n' "$code"
}

cat <<TXT
ordo keeps a bitemporal record of military-administrative structures: which territory is in
which military district on which date, according to whom, as recorded when. Every fact comes
from a dated order and its sources. The bundled record is loaded into $db.

The Murmansk question: in which military district is Murmansk Oblast (RU-MUR)? Decree No. 141
of 26 February 2024 re-created the Leningrad Military District from 1 March 2024.
TXT

step show RU-MUR --at 2024-02-29
step show RU-MUR --at 2024-03-01

printf '\nWhat the Leningrad Military District holds from that day:\n'
step members leningrad-md --relation military-district --at 2024-03-01

printf '\nAnd what changed overnight:\n'
step diff 2024-02-29 2024-03-01 --relation military-district

printf '\nEvery change of the military districts from 2020 to 2024, not only the net difference:\n'
step changes --relation military-district --from 2020 --to 2024
printf '\nThe states in NATO and the EU, and those in the EU only, the day Stoltenberg spoke:\n'
step query 'member-of(?s, eu), not member-of(?s, nato)' --at 2024-02-27
printf '\nWhat the record knew the day before the decree was signed, against now:\n'
step compare --recorded 2024-02-25 --at 2024-03-01 --relation military-district

cat <<TXT

To query more (every query takes --at DATE, --recorded INSTANT, --perspective P and --json):
  $ordo --db $db --help
  $ordo --db $db search Crimea
  $ordo --db $db history RU-MUR
  $ordo --db $db snapshot --relation military-district --at 2024-03-01 --format csv
  $ordo --db $db orders
  export ORDO_DB=$db   # then plain \`ordo show RU-MUR\`
TXT
