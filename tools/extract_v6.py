"""Extract complete comment records from raw 16,000-character pages of pxtextmining's
datasets/v6framework_230831.csv (commit c62c79d74c7ba2f88d71a43386a2d36824e4633d).

Usage: python tools/extract_v6.py data/anon_realtext_v6/raw/page_005.txt (JSON lines out)

Rule (deterministic): drop everything up to and including the first newline (the page starts
mid-record); drop the last record unless the page ends with a newline; parse the rest with the
csv module; keep a record only if it has exactly the header's column count; keep only records
whose FFT answer is not blank and not 'Did not answer' (any case, trailing dot ignored).
Each kept record -> {"id", "trust", "question", "text", "pii_flag"}; text is the answer exactly.
"""
import csv, io, json, sys

HEADER = '''Comment ID,Trust,Respondent ID,Date,Service type 1,Service type 2,FFT categorical answer,FFT question,FFT answer,Person identifiable info?,Comment sentiment,Not assigned,Organisation & efficiency,Funding & use of financial resources,Staff manner & personal attributes,Number & deployment of staff,Staff responsiveness,Staff continuity,Competence & training,Unspecified communication,"Staff listening, understanding & involving patients",Information directly from staff during care,Information provision & guidance,"Being kept informed, clarity & consistency of information",Contacting services,Appointment arrangements,Appointment method,Timeliness of care,Pain management,Diagnosis & triage,Referals & continuity of care,Discharge,Care plans,Patient records,"Cleanliness, tidiness & infection control",Provision of medical equipment,Service location,Transport to/ from services,Parking,Electronic entertainment,Feeling safe,Patient appearance & grooming,Mental Health Act,"Equality, Diversity & Inclusion",Admission,Safeguarding concerns?,Labelling not possible,Environment & Facilities,Supplying & understanding medication,Activities & access to fresh air,Food & drink provision & facilities,Sensory experience,Impact of treatment/ care,Psychological therapy arrangements,Existence of services,Choice of services,Out of hours support (community services),Learning organisation,Interaction with family/ carers,Negative experience & dissatisfaction,Positive experience & gratitude'''
NCOL = len(next(csv.reader([HEADER])))


def records(path):
    """The kept records of one raw page, in page order."""
    with open(path, encoding="utf-8") as fh:
        raw = fh.read()
    body = raw[raw.index("\n") + 1:]
    if not raw.endswith("\n"):
        cut = body.rfind("\n")
        body = body[:cut + 1] if cut >= 0 else ""
    out = []
    for rec in csv.reader(io.StringIO(body, newline="")):
        if len(rec) != NCOL:
            continue
        text = rec[8]
        if not text.strip() or text.strip().rstrip(".").lower() == "did not answer":
            continue
        out.append({"id": rec[0], "trust": rec[1], "question": rec[7], "text": text,
                    "pii_flag": rec[9]})
    return out


def main(path):
    for rec in records(path):
        print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
