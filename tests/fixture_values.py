"""Values substituted into rule fixtures (``${NAME}``): fake, realistic credentials built in code."""

from tests import credentials as c

VALUES = {
    "ACCOUNT": c.ACCOUNT,
    "KEY_ID": c.key_id(),
    "SESSION_KEY_ID": c.key_id(prefix="ASIA"),
    "OTHER_ACCOUNT_KEY_ID": c.key_id(account="210987654321"),
    "SECRET_KEY": c.secret_key(),
    "SECRET_KEY_OBF": c.obfuscated(c.secret_key()),
    "SESSION_TOKEN": c.session_token(),
    "SESSION_TOKEN_OBF": c.obfuscated(c.session_token()),
    "GIT_PASSWORD": c.git_password(),
    "GIT_PASSWORD_OBF": c.obfuscated(c.git_password()),
    "GIT_PASSWORD_SLASH": c.git_password(slash=True),
    "GIT_PASSWORD_SLASH_OBF": c.obfuscated(c.git_password(slash=True)),
    "GIT_PASSWORD_PLUS_OBF": c.obfuscated(c.git_password(plus=True)),
    "GITLAB_TOKEN_OBF": c.obfuscated("glpat-" + "x" * 20),
    # Azure DevOps: src_access_token is the base64 of ':PAT' (sent as it is, decoded for the clone URL).
    "ADO_TOKEN": c.obfuscated(":" + "x" * 52),
    # CodeCommit rules (C0xx): wrong and right variants of each credential.
    "KEY_ID_OBF": c.obfuscated(c.key_id()),
    "KEY_ID_LOWER": c.key_id().lower(),
    "KEY_ID_EXAMPLE": c.example_key_id(),
    "KEY_ID_OLD": c.old_key_id(),
    "KEY_ID_WITH_ZERO": c.key_id()[:-1] + "0",
    "KEY_ID_SHORT": c.key_id()[:19],
    "USER_ID": c.key_id(prefix="AIDA"),
    "ROLE_ID": c.key_id(prefix="AROA"),
    "GIT_CREDENTIAL_ID": c.key_id(prefix="ACCA"),
    "BEARER_TOKEN_ID": c.key_id(prefix="ABIA"),
    "SECRET_KEY_NEWLINE_OBF": c.obfuscated(c.secret_key() + "\n"),
    "SECRET_KEY_TWICE_OBF": c.obfuscated(c.obfuscated(c.secret_key())),
    "SECRET_KEY_SHORT_OBF": c.obfuscated(c.secret_key()[:32]),
    "SECRET_KEY_EXAMPLE_OBF": c.obfuscated(c.secret_key()[:30] + "EXAMPLEKEY"),
    "SECRET_KEY_EQUALS_OBF": c.obfuscated(c.secret_key()[:39] + "="),
    "SESSION_TOKEN_SHORT_OBF": c.obfuscated(c.session_token(length=60)),
    "SESSION_TOKEN_ECHO_OBF": c.obfuscated(c.session_token() + "\n"),
    "GIT_PASSWORD_NEWLINE_OBF": c.obfuscated(c.git_password() + "\n"),
    "GIT_PASSWORD_TWICE_OBF": c.obfuscated(c.obfuscated(c.git_password())),
    "GIT_PASSWORD_SHORT_OBF": c.obfuscated(c.git_password()[:20]),
    "GIT_PASSWORD_SLASH_PLUS_OBF": c.obfuscated(c.git_password(slash=True, plus=True)),
}
