-- wrk script: POST a small JSON document, as a webhook sender would.
wrk.method = "POST"
wrk.body = '{"ref":"refs/heads/main","after":"9fceb02d0ae598e95dc970b74767f19372d61af8","repository":{"name":"demo"}}'
wrk.headers["Content-Type"] = "application/json"
