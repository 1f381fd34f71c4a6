#!/usr/bin/env bash
# Rebuild ketcheck's English parser from the UD English Web Treebank.
#
#   tools/parser/train.sh [TREEBANK_DIR] [OUT_DIR]
#
# TREEBANK_DIR holds en_ewt-ud-{train,dev,test}.conllu (default: ../shared/corpora/ud-english-ewt
# beside the repository). The trained pipeline is copied into
# src/ketcheck/models/en_ketcheck_parser, with its own licence and attribution (the model is
# derived from CC BY-SA 4.0 data). Needs `pip install 'spacy>=3.8,<3.9'`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
treebank="${1:-$repo/../shared/corpora/ud-english-ewt}"
work="${2:-$here/work}"
mkdir -p "$work/corpus"
for split in train dev test; do
  # -n 10: ten sentences per document, so the parser also sees sentence starts in context.
  python -m spacy convert "$treebank/en_ewt-ud-$split.conllu" "$work/corpus" \
    --converter conllu -n 10 --file-type spacy
done
python -m spacy train "$here/config.cfg" --output "$work/output" \
  --paths.train "$work/corpus/en_ewt-ud-train.spacy" \
  --paths.dev "$work/corpus/en_ewt-ud-dev.spacy" "${@:3}"
python -m spacy evaluate "$work/output/model-best" "$work/corpus/en_ewt-ud-test.spacy" \
  --output "$work/test-metrics.json"
"$here/install_model.sh" "$work/output/model-best"
