#!/usr/bin/env bash
# Copy a trained spaCy pipeline into the package as ketcheck's parser, with its licence.
#   tools/parser/install_model.sh MODEL_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
src="$1"
dest="$repo/src/ketcheck/language/model"
rm -rf "$dest"
mkdir -p "$dest"
cp -r "$src"/. "$dest"/
python - "$dest/meta.json" <<'PY'
import json, sys
path = sys.argv[1]
meta = json.load(open(path))
meta.update(
    name="ketcheck_parser",
    version="1.0.0",
    description="ketcheck's English tagger, lemmatizer and dependency parser, trained on UD English EWT",
    author="ketcheck developers",
    license="CC BY-SA 4.0",
    sources=[
        {
            "name": "Universal Dependencies English Web Treebank (UD_English-EWT) 2.16",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "author": "Silveira et al. 2014; Universal Dependencies contributors",
        }
    ],
)
json.dump(meta, open(path, "w"), indent=2)
PY
cp "$here/MODEL_LICENSE.txt" "$dest/LICENSE"
cp "$here/MODEL_README.md" "$dest/README.md"
