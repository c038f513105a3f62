#!/usr/bin/env python3
"""Credentials for the security scan (tools/security-scan/scan.sh), from a Development host's demo accounts.

    credentials.py cookies BASE EMAIL PASSWORD OUT.json   signs in through the portal's form (antiforgery token and
                                                          all) and writes the session cookies as wapiti's JSON cookie file
    credentials.py client BASE CLIENT_ID SECRET SCOPE     prints an access token from the client-credentials grant
    credentials.py person BASE EMAIL PASSWORD SCOPE       signs in, then takes the cara-cli public client through the
                                                          authorization code grant with PKCE; prints the person's token

Python 3 standard library only, like tools/cara-token.
"""
import base64, hashlib, html.parser, http.cookiejar, json, secrets, sys, urllib.error, urllib.parse, urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """The authorization endpoint redirects to the loopback callback with the code: read it, do not follow it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class HiddenInputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.values[a["name"]] = a.get("value") or ""


def sign_in(base, email, password):
    """A cookie jar holding the portal's session for the account; exits when the form refuses it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form = HiddenInputs()
    with opener.open(base + "/") as page:
        form.feed(page.read().decode())
    data = urllib.parse.urlencode({**form.values, "Email": email, "Password": password}).encode()
    try:
        opener.open(urllib.request.Request(base + "/", data=data))
        sys.exit(f"Sign-in as {email} was refused (the form came back)")
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            sys.exit(f"Sign-in as {email} answered {redirect.code}")
    return jar, opener


def token(base, form):
    data = urllib.parse.urlencode(form).encode()
    with urllib.request.urlopen(urllib.request.Request(base + "/connect/token", data=data)) as response:
        return json.load(response)["access_token"]


def cookies(base, email, password, out):
    jar, _ = sign_in(base, email, password)
    host = urllib.parse.urlsplit(base).hostname
    wapiti = {host: {}}
    for c in jar:
        wapiti[host].setdefault(c.path, {})[c.name] = {
            "value": c.value, "expires": c.expires, "secure": c.secure, "port": None, "version": 0}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(wapiti, f, indent=2)


def person(base, email, password, scope):
    _, opener = sign_in(base, email, password)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    redirect_uri = "http://127.0.0.1:9/callback"  # never called: the code is read from the redirect
    query = urllib.parse.urlencode({
        "client_id": "cara-cli", "response_type": "code", "redirect_uri": redirect_uri, "scope": scope,
        "code_challenge": challenge, "code_challenge_method": "S256", "state": secrets.token_urlsafe(16)})
    try:
        opener.open(base + "/connect/authorize?" + query)
        sys.exit("The authorization endpoint did not redirect")
    except urllib.error.HTTPError as redirect:
        location = redirect.headers.get("Location", "")
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query)).get("code")
    if not code:
        sys.exit(f"No authorization code in {location}")
    return token(base, {"grant_type": "authorization_code", "client_id": "cara-cli", "code": code,
                        "redirect_uri": redirect_uri, "code_verifier": verifier})


def main(argv):
    match argv[1:]:
        case ["cookies", base, email, password, out]:
            cookies(base, email, password, out)
        case ["client", base, client_id, secret, scope]:
            print(token(base, {"grant_type": "client_credentials", "client_id": client_id,
                               "client_secret": secret, "scope": scope}))
        case ["person", base, email, password, scope]:
            print(person(base, email, password, scope))
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
