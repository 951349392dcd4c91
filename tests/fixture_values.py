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
}
