#!/usr/bin/env python3
"""Writes the QR code vectors QRCodeTests checks Weave's encoder against, made with python-qrcode
(pip install qrcode==8.2).

Each vector is a QR code in byte mode at error correction level M, at the smallest version that holds it: with
the mask python-qrcode chooses by the standard's penalty rules, and also with every mask fixed in turn for one
input. Per vector: the bytes (hex), version, mask and the matrix as rows of 0/1 (no quiet zone).

    python3 make_vectors.py > vectors.json

segno 1.6.6 was tried first and disagrees with ISO/IEC 18004 (7.4.10) in one place: when the bit stream already
ends on a codeword boundary after the terminator it adds a whole byte of zero bits before the pad codewords, so
its codes differ from the standard's whenever pad codewords follow (still readable, but not the same modules).
"""
import json
import qrcode
from qrcode.util import QRData, MODE_8BIT_BYTE as MODE_8BIT

INPUTS = [
    "https://weave.example.org/join/K7QM4-XPD2R",
    "http://127.0.0.1:8080/join/ABCDE-12345",
    "A",
    "Hello, world! 123",
    "https://weave.example.org/join/K7QM4-XPD2R?utm=projector&room=main-hall-east-wing",
    "Ünïcödé · City Food Bank",
    "x" * 150,
    "y" * 250,
]


def make(raw, mask):
    code = qrcode.QRCode(version=None, error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=mask)
    code.add_data(QRData(raw, mode=MODE_8BIT))
    code.make(fit=True)
    return code


def vector(text, mask=None):
    raw = text.encode("utf-8")
    # best_mask_pattern() leaves the matrix of its last trial behind: ask it first, then make the code afresh.
    chosen = mask if mask is not None else make(raw, None).best_mask_pattern()
    code = make(raw, chosen)
    assert mask is not None or code.get_matrix() == make(raw, None).get_matrix()
    return {
        "hex": raw.hex(),
        "version": code.version,
        "mask": chosen,
        "rows": ["".join("1" if m else "0" for m in row) for row in code.get_matrix()],
    }


vectors = [vector(text) for text in INPUTS]
vectors += [vector(INPUTS[0], mask) for mask in range(8)]
print(json.dumps({"generator": "python-qrcode " + qrcode.__version__ if hasattr(qrcode, "__version__") else "python-qrcode 8.2", "vectors": vectors}, indent=1))
