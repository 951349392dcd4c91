"""Shapes of AWS credential values, shared by the rules that check them and the fixes that repair them."""

import re

ACCESS_KEY_ID = re.compile(r"(AKIA|ASIA)[A-Z2-7]{16}")
SECRET_ACCESS_KEY = re.compile(r"[A-Za-z0-9+/]{40}")
GIT_PASSWORD = re.compile(r"[A-Za-z0-9+/]{43}=")
SESSION_TOKEN = re.compile(r"[A-Za-z0-9+/]{100,}={0,2}")
