#!/usr/bin/env python3
"""Gets a licence-holder person's token for the national API through the public client cara-cli.

Authorization code with PKCE (S256) and a redirect to a listener on 127.0.0.1 at a port the system picks
(RFC 8252 section 7.3): the script prints the sign-in link, the person signs in to the portal in their browser,
and the script prints the token response (access_token, refresh_token) as JSON. Python 3 standard library only.

    tools/cara-token/cara-token.py https://cara.example.org "openid offline_access licences.read"
    tools/cara-token/cara-token.py https://cara.example.org --refresh "$REFRESH_TOKEN"
"""
import base64, hashlib, http.server, json, secrets, sys, urllib.parse, urllib.request

CLIENT_ID = "cara-cli"


def token_request(base, form):
    data = urllib.parse.urlencode({**form, "client_id": CLIENT_ID}).encode()
    with urllib.request.urlopen(urllib.request.Request(base + "/connect/token", data=data)) as response:
        return json.load(response)


def authorization_code(base, scope):
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(16)
    received = {}

    class Callback(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path != "/callback":
                self.send_error(404)
                return
            received.update(urllib.parse.parse_qsl(url.query))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"Signed in: you can close this tab and go back to the terminal.\n")

        def log_message(self, *args):
            pass

    listener = http.server.HTTPServer(("127.0.0.1", 0), Callback)
    redirect = f"http://127.0.0.1:{listener.server_port}/callback"
    link = base + "/connect/authorize?" + urllib.parse.urlencode({
        "client_id": CLIENT_ID, "response_type": "code", "redirect_uri": redirect, "scope": scope,
        "state": state, "code_challenge": challenge, "code_challenge_method": "S256"})
    print(f"Open this link in your browser and sign in:\n\n  {link}\n", file=sys.stderr)
    while "code" not in received and "error" not in received:
        listener.handle_request()
    listener.server_close()
    if received.get("state") != state or "code" not in received:
        sys.exit(f"No code: {received.get('error_description') or received.get('error') or 'the state did not match'}")
    return token_request(base, {"grant_type": "authorization_code", "code": received["code"],
                                "redirect_uri": redirect, "code_verifier": verifier})


def main(argv):
    if len(argv) == 4 and argv[2] == "--refresh":
        result = token_request(argv[1].rstrip("/"), {"grant_type": "refresh_token", "refresh_token": argv[3]})
    elif len(argv) in (2, 3):
        result = authorization_code(argv[1].rstrip("/"), argv[2] if len(argv) == 3 else "openid offline_access platform.admin")
    else:
        sys.exit(__doc__)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv)
