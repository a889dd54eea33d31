"""E-mail addresses valid and not: the one table the message form, the CLI, the staff import
and the config are all tested with, so that they accept exactly the same addresses."""

from __future__ import annotations

# A domain of 189 characters: with 64 before the @, the address is 254, the most SMTP carries.
_DOMAIN_189 = "b" * 63 + "." + "c" * 63 + "." + "d" * 58 + ".se"

# (address, valid?, why)
ADDRESSES = [
    ("anna.berg@malung-salen.se", True, "plain"),
    ("åsa.öberg@malung-salen.se", True, "Swedish letters before the @"),
    ("ÖRJAN@MALUNG-SALEN.SE", True, "capitals"),
    ("anna@malung-sälen.se", True, "internationalised domain name"),
    ("anna+bygglov@kommun.se", True, "a plus tag"),
    ("a" * 64 + "@" + _DOMAIN_189, True, "254 characters, the longest there is"),
    ("a" * 64 + "@" + _DOMAIN_189 + "x", False, "255 characters"),
    ("anna.berg.malung-salen.se", False, "no @"),
    ("anna@@malung-salen.se", False, "two @"),
    ("@malung-salen.se", False, "nothing before the @"),
    ("anna@", False, "nothing after the @"),
    ("anna berg@malung-salen.se", False, "a space before the @"),
    ("anna@malung salen.se", False, "a space after the @"),
    ("anna@malung-salen.se.", False, "a trailing dot"),
    ("anna.@malung-salen.se", False, "a dot just before the @"),
    ("anna..berg@malung-salen.se", False, "two dots in a row"),
    ("anna@localhost", False, "no dot in the domain"),
    ("anna@kommun.test", False, "a domain reserved for testing"),
    ("Anna Berg <anna@kommun.se>", False, "a display name"),
]
