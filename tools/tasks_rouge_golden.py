#!/usr/bin/env python3
"""Golden values for the task metrics, from the reference implementations.

    python3 tools/tasks_rouge_golden.py   # writes src/test/resources/tasks/metrics_golden.json

- ROUGE-1/2/L (precision, recall, F) from Google's `rouge-score` package, with and without stemming,
  for sentence pairs written for this project.
- Stems: `rouge-score`'s tokenizer with stemming (nltk PorterStemmer, default NLTK_EXTENSIONS mode,
  applied to tokens longer than 3 characters), plus nltk's stem of every word regardless of length.
- SQuAD v1.1 exact match / F1, from a direct transcription of the official formula
  (normalise: lower, drop string.punctuation, drop articles a/an/the, collapse whitespace; F1 over
  token multisets; both computed per gold answer, max over gold answers).
All inputs below are written for this project (no dataset text).
"""
import collections
import json
import os
import re
import string

from nltk.stem import porter
from rouge_score import rouge_scorer, tokenizers

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "tasks", "metrics_golden.json")

ROUGE_PAIRS = [
    ("the cat sat on the mat", "the cat was sitting on the mat"),
    ("Storm damages 126 houses in Kisou. No one was hurt.", "A storm hit Kisou and damaged 126 houses; nobody was hurt."),
    ("The council approved the new bridge.", "Council approves bridges, costing millions of dollars."),
    ("Scientists find a new frog in the forest.", "A new frog was found by scientists in a forest."),
    ("Running runners ran quickly", "the runner runs quickly and happily"),
    ("", "something generated"),
    ("reference only", ""),
    ("!!!", "???"),
    ("Crème brûlée is a dessert", "creme brulee is a dessert"),
    ("a a a b b", "a b a b a b"),
    ("Generalization of nationalities: relational conditioning", "generalizations nationality relate conditions"),
    ("The Zelbrin United beat Korva City 3-1 to win the Tamsk Cup.",
     "Zelbrin United won the Tamsk Cup after beating Korva City 3-1 on Friday."),
    ("one two three four five six seven", "seven six five four three two one"),
    ("The hospital will cost 21 million dollars and open in 2029.",
     "The new hospital costs 21 million dollars. It should open in 2029, the mayor said."),
]

STEM_WORDS = """
caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping
tanned falling hissing fizzed failing filing happy sky relational conditional rational valenci hesitanci
digitizer conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism
decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize
electriciti electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable
defensible irritant replacement adjustment dependent adoption homologou communism activate angulariti
homologous effective bowdlerize probate rate cease controll roll generously dying lying tying news innings
outings cannings proceed exceed succeed skies dies died spied cried enjoy enjoyment geology archaeology
theology carefully hopefully beautifully running runs generalization generalizations nationality
nationalities council approves approved approval residents worried building buildings scientists
discovered discovery species centimetres kilometres factories factory industries creating created
creation workers welcomed findings published publishing searched searching months hurt damaged damages
houses harbour weekend schools closed striker scored scoring second title thousands filled streets
coach players played playing worked hard season university forest animals rare researcher lead
2028 3d a1b2 abilities ability abatement abbreviation easily fly flies flying agreement really
sensational traditional traditionally capability capabilities sized sizing hoping hopped skating
triplicating electricity electrically cautiously mysterious mysteriously yesterday replied relies
relying obeyed conferring conference referred reference luxuriously quietly happily busiest
possibly terribly visibly humbly probably nobly doubly biology zoology mythology wonderfully peacefully
""".split()

SQUAD_PAIRS = [
    ("The Eiffel Tower", ["Eiffel Tower"]),
    ("an apple a day", ["apple day"]),
    ("Seikreide.", ["Seikreide"]),
    ("in the village of Seikreide", ["Seikreide"]),
    ("Dashe Gikte", ["Gikte", "Dashe  Gikte"]),
    ("1,000 dollars", ["1000 dollars", "one thousand dollars"]),
    ("", ["something"]),
    ("the", ["a"]),
    ("Theatre THE theatre", ["theatre"]),
    ("red red blue", ["red blue blue"]),
    ("A's and B's", ["as and bs"]),
    ("Mordevesk, then Trandis", ["Trandis", "Mordevesk"]),
    ("Café au lait", ["cafe au lait", "Café au lait!"]),
]


def squad_norm(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def squad_f1(pred, gold):
    p, g = squad_norm(pred).split(), squad_norm(gold).split()
    same = sum((collections.Counter(p) & collections.Counter(g)).values())
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / len(g)
    return 2 * prec * rec / (prec + rec)


def main():
    out = {"generator": "tools/tasks_rouge_golden.py", "rouge": [], "stems": [], "squad": []}
    for stem in (False, True):
        scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=stem)
        tok = tokenizers.DefaultTokenizer(use_stemmer=stem)
        for target, prediction in ROUGE_PAIRS:
            s = scorer.score(target, prediction)
            out["rouge"].append({
                "stem": stem, "target": target, "prediction": prediction,
                "targetTokens": tok.tokenize(target), "predictionTokens": tok.tokenize(prediction),
                **{k: [s[k].precision, s[k].recall, s[k].fmeasure] for k in ("rouge1", "rouge2", "rougeL")}})
    stemmer = porter.PorterStemmer()
    tok = tokenizers.DefaultTokenizer(use_stemmer=True)
    for w in STEM_WORDS:
        out["stems"].append({"word": w, "nltk": stemmer.stem(w), "rougeTokens": tok.tokenize(w)})
    for pred, golds in SQUAD_PAIRS:
        out["squad"].append({"prediction": pred, "golds": golds,
                             "normalised": squad_norm(pred),
                             "exactMatch": max(float(squad_norm(pred) == squad_norm(g)) for g in golds),
                             "f1": max(squad_f1(pred, g) for g in golds)})
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("wrote", os.path.normpath(OUT), len(out["rouge"]), "rouge,", len(out["stems"]), "stems,",
          len(out["squad"]), "squad")


if __name__ == "__main__":
    main()
