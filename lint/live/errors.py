"""Turn what botocore raises into words and a fix that are safe to print.

Messages from AWS, botocore or an HTTP server are never passed through: they may
echo the access key ID, a signature or a proxy password. They are only matched
against known patterns; what is printed is our own text plus values checked to be
safe (an error code, an HTTP status, a host name, an ARN).
"""

import re
from dataclasses import dataclass
from typing import Optional

from botocore import exceptions as boto_errors

from congregate_lint.findings import Severity
from congregate_lint.live.endpoints import host_port
from congregate_lint.live import inputs as conf_keys
from congregate_lint.live.inputs import AwsCredentials
from congregate_lint.live.results import Failure

UNKNOWN_KEY = {"InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId"}
WRONG_SIGNATURE = {"SignatureDoesNotMatch", "InvalidSignatureException"}
EXPIRED_TOKEN = {"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"}
ACCESS_DENIED = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"}
THROTTLING = {"Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded",
              "RequestThrottled", "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException"}
SERVER_SIDE = {"InternalFailure", "InternalError", "ServiceUnavailable", "ServiceUnavailableException"}
# Opt-in regions (disabled until an account enables them) that host CodeCommit.
OPT_IN_REGIONS = {"af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "eu-south-1", "il-central-1",
                  "me-central-1", "me-south-1"}
CLOCK_SKEW = re.compile(r"Signature expired|Signature not yet current|RequestTimeTooSkewed", re.IGNORECASE)
_SAFE_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,63}|[0-9]{3}")
_PRINCIPAL = re.compile(r"User: (arn:aws[a-z-]*:(?:iam|sts)::[0-9]{12}:[A-Za-z0-9+=,.@_/-]{1,300}) is not authorized")
_DNS_FAILURE = re.compile(r"Name or service not known|nodename nor servname|name resolution|getaddrinfo|"
                          r"No address associated|NameResolutionError|Name does not resolve", re.IGNORECASE)
_REFUSED = re.compile(r"Connection refused|ConnectionRefused|actively refused", re.IGNORECASE)


class AnswerTooLarge(Exception):
    """An AWS API answer longer than the cap (lint/live/aws.py): its first bytes were read, the rest was not."""

    def __init__(self, url: str, limit: int):
        super().__init__(f"answer larger than {limit} bytes; not read")
        self.host = host_port(url, "the endpoint")
        self.limit = limit


@dataclass(frozen=True)
class CallContext:
    """What an explanation may mention about the failed call."""

    action: str  # the IAM action, e.g. codecommit:ListRepositories
    credentials: Optional[AwsCredentials]
    connect_timeout: float
    read_timeout: float
    ssl_verify: bool
    endpoint_settings: str = "the endpoint settings (AWS_ENDPOINT_URL…)"  # what may have chosen the host


def explain(error: Exception, call: CallContext) -> Failure:
    """The failure an exception from a live call stands for."""
    if isinstance(error, AnswerTooLarge):
        return Failure(f"the answer of {error.host} is larger than {error.limit // (1024 * 1024)} MiB; not read",
                       "too-large", Severity.WARNING,
                       explanation=f"AWS answers {call.action} in far less; the first MiB was read and the "
                                   "connection closed, so the check could not be made. Something other than AWS may "
                                   "answer there (a proxy, or an endpoint setting such as AWS_ENDPOINT_URL).",
                       fix="Check the endpoint settings (AWS_ENDPOINT_URL…) and the proxy, and run again.")
    if isinstance(error, boto_errors.ClientError):
        return _client_error(error, call)
    if isinstance(error, boto_errors.BotoCoreError):
        return _network_error(error, call)
    return Failure(f"unexpected {type(error).__name__}", "internal", Severity.WARNING,
                   explanation=f"{call.action} failed unexpectedly; the check could not be made.",
                   fix="Run again; if it persists, please report it to the congregate-lint maintainers.")


def error_code(error: boto_errors.ClientError) -> str:
    """The AWS error code, if it looks like one (never free text)."""
    code = str(error.response.get("Error", {}).get("Code", ""))
    return code if _SAFE_CODE.fullmatch(code) else "unknown"


def _client_error(error: boto_errors.ClientError, call: CallContext) -> Failure:
    code = error_code(error)
    message = str(error.response.get("Error", {}).get("Message", ""))
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?")
    if code in UNKNOWN_KEY:
        return _unknown_key(call)
    if code in WRONG_SIGNATURE and CLOCK_SKEW.search(message) or code == "RequestTimeTooSkewed":
        return Failure("AWS rejected the request's time stamp", "clock",
                       explanation="This computer's clock is more than 15 minutes away from AWS's.",
                       fix="Synchronise the clock (NTP) and run again.")
    if code in WRONG_SIGNATURE:
        return Failure("the secret access key does not belong to the access key ID", "wrong-secret",
                       key=conf_keys.SECRET, explanation="AWS computed a different request signature.",
                       fix="Copy the secret of this very key again (IAM shows it only once; create a new key if it "
                           "is lost) and store its base64 in src_aws_secret_access_key.")
    if code in EXPIRED_TOKEN:
        return Failure("the session token has expired", "expired-token", key=conf_keys.TOKEN,
                       explanation="Temporary credentials last 15 minutes to 36 hours.",
                       fix="Get a fresh key, secret and token together, or use a long-term access key of an IAM user "
                           "for the migration.")
    if code in ACCESS_DENIED:
        return _access_denied(message, call)
    if code in THROTTLING:
        return Failure(f"AWS throttled the call (error {code})", "throttled", Severity.WARNING,
                       explanation=f"AWS throttled {call.action} even after retries with backoff.",
                       fix="Run again later; if it persists, other tools are using up the account's API rate.")
    if code in SERVER_SIDE or str(status).startswith("5"):
        return Failure(f"AWS answered with a server error ({code}, HTTP {status})", "server", Severity.WARNING,
                       explanation=f"The error is on AWS's side; {call.action} could not be checked.",
                       fix="Run again later.")
    if code.startswith("EncryptionKey") or code == "EncryptionIntegrityChecksFailedException":
        return Failure(f"CodeCommit cannot use the repository's AWS KMS key ({code})", "kms",
                       explanation="The repository data cannot be read.",
                       fix="Check the key's state and that no policy denies KMS use to this identity.")
    if code == "OptInRequired":
        return Failure("the account is not subscribed to this service (OptInRequired)", "opt-in",
                       explanation=f"AWS refuses {call.action} until the account subscribes to the service.",
                       fix="Subscribe the account to the service, or use keys of an account that is.")
    return Failure(f"AWS refused the call with error {code} (HTTP {status})", "refused",
                   explanation=f"AWS refused {call.action}.",
                   fix="Look the error code up in the AWS documentation of the action.")


def _unknown_key(call: CallContext) -> Failure:
    creds = call.credentials
    if creds is not None and creds.temporary and not creds.token:
        return Failure("AWS does not accept the temporary key without its session token", "unknown-key",
                       key=conf_keys.TOKEN,
                       explanation="It is a temporary key (ASIA…) and src_aws_session_token is not set. AWS accepts a "
                                   "temporary key only together with the session token issued with it.",
                       fix="Add that token (base64), or use a long-term AKIA… key.")
    if creds is not None and not creds.temporary and creds.token:
        return Failure("AWS does not accept a session token with a long-term key", "unknown-key", key=conf_keys.TOKEN,
                       explanation="A session token is set together with a long-term key (AKIA…), and AWS rejects "
                                   "that pair.",
                       fix="Empty or delete src_aws_session_token.")
    if creds is not None and creds.region in OPT_IN_REGIONS:
        return Failure(f"AWS does not accept the access key in {creds.region}", "unknown-key", key=conf_keys.REGION,
                       explanation="That is an opt-in region: if it is not enabled for the account, or the "
                                   "credentials come from a v1 global STS token, every key is refused there. "
                                   "Otherwise the key is unknown.",
                       fix="Enable the region (Account → AWS Regions), or check the key in IAM → Users → Security "
                           "credentials.")
    if creds is not None and creds.temporary:
        return Failure("AWS does not accept the temporary key and its session token", "unknown-key",
                       key=conf_keys.KEY_ID,
                       explanation="The token belongs to other credentials or was revoked.",
                       fix="Get a fresh key, secret and token together.")
    return Failure("AWS does not know this access key ID", "unknown-key", key=conf_keys.KEY_ID,
                   explanation="It is mistyped, deleted or deactivated, or belongs to another partition (China, "
                               "GovCloud).",
                   fix="Check it in IAM → Users → Security credentials; create a new access key if needed.")


def _access_denied(message: str, call: CallContext) -> Failure:
    principal = _PRINCIPAL.search(message)
    who = f" ({principal.group(1)})" if principal else ""
    return Failure(f"the identity may not call {call.action}", "access-denied", key=conf_keys.KEY_ID,
                   explanation=f"The credentials are valid, but the identity{who} lacks the IAM action.",
                   fix=f"Grant the IAM action {call.action} (e.g. through the AWS managed policy "
                       "AWSCodeCommitReadOnly), or use the keys of an identity that has it.")


def network_kind(error: Exception) -> Optional[str]:
    """What kind of network failure botocore raised: proxy, tls, connect-timeout, read-timeout, reset, dns,
    refused or network; None when it is no network failure."""
    cause = str(getattr(error, "kwargs", {}).get("error", ""))
    for kind, classes in (("proxy", boto_errors.ProxyConnectionError), ("tls", boto_errors.SSLError),
                          ("connect-timeout", boto_errors.ConnectTimeoutError),
                          ("read-timeout", boto_errors.ReadTimeoutError),
                          ("reset", boto_errors.ConnectionClosedError)):
        if isinstance(error, classes):
            return kind
    if isinstance(error, boto_errors.EndpointConnectionError):
        return "dns" if _DNS_FAILURE.search(cause) else "refused" if _REFUSED.search(cause) else "network"
    return "network" if isinstance(error, boto_errors.BotoCoreError) else None


def _network_error(error: boto_errors.BotoCoreError, call: CallContext) -> Failure:
    host = host_port(getattr(error, "kwargs", {}).get("endpoint_url"), "the endpoint")
    kind = network_kind(error)
    if kind == "proxy":
        proxy = host_port(error.kwargs.get("proxy_url"), "the endpoint")
        return Failure(f"the proxy {proxy} could not be reached", "proxy",
                       explanation=f"The proxy (from HTTPS_PROXY/HTTP_PROXY) could not be reached or refused the "
                                   f"tunnel to {host}.",
                       fix="Check the proxy setting, or NO_PROXY for hosts that need none.")
    if kind == "tls":
        if not call.ssl_verify:
            return Failure(f"the TLS handshake with {host} failed", "tls",
                           explanation="The host and this machine could not agree on a secure connection.",
                           fix="Check the network path (a proxy may intercept TLS) and run again.")
        return Failure(f"TLS verification of {host} failed", "tls",
                       explanation="Its certificate is not trusted here.",
                       fix="A proxy that inspects TLS needs its CA certificate in AWS_CA_BUNDLE; [APP] ssl_verify = "
                           "False turns verification off (for Congregate too; not recommended).")
    if kind == "connect-timeout":
        return Failure(f"no connection to {host} within {call.connect_timeout:g} s", "timeout",
                       explanation="A firewall may drop the traffic, or a proxy is needed (HTTPS_PROXY).",
                       fix="Check the network path; on a slow network raise --timeout.")
    if kind == "read-timeout":
        return Failure(f"{host} did not answer within {call.read_timeout:g} s", "timeout", Severity.WARNING,
                       explanation=f"{host} accepted the connection but did not answer in time.",
                       fix="Run again; on a slow network raise --timeout.")
    if kind == "reset":
        return Failure(f"{host} closed the connection before answering", "reset",
                       explanation="It closed or reset the connection; a proxy or firewall may cut it.",
                       fix="Run again; if it persists, check the network path.")
    if kind == "dns":
        return Failure(f"the host name {host} could not be resolved (DNS)", "dns", key=conf_keys.REGION,
                       explanation=f"The name comes from src_aws_region and {call.endpoint_settings}.",
                       fix="Check src_aws_region, the endpoint settings and this machine's DNS; without direct "
                           "internet access set HTTPS_PROXY.")
    if kind == "refused":
        return Failure(f"{host} refused the connection", "refused",
                       explanation="Nothing listens there.",
                       fix=f"Check {call.endpoint_settings} and firewalls.")
    if isinstance(error, boto_errors.EndpointConnectionError):
        return Failure(f"could not connect to {host}", "network",
                       explanation=f"The connection failed before {host} answered.",
                       fix=f"Check the network, the region and {call.endpoint_settings}.")
    return Failure(f"the call failed before {host} answered ({type(error).__name__})", "network",
                   explanation=f"{call.action} could not be checked.",
                   fix="Check the network path and run again.")


@dataclass(frozen=True)
class Endpoint:
    """A non-AWS host a probe called: for the wording of a network failure (split form)."""

    host: str  # host[:port], never a user name, password or path
    key: str  # the conf key that names the host
    connect_timeout: float
    read_timeout: float
    ssl_verify: bool
    consequence: str = ""  # what Congregate does when it meets the same failure


def explain_network(error: Exception, where: Endpoint, seconds: float) -> Failure:
    """A network failure calling a non-AWS host, named at the conf key that names it, with the time it took."""
    kind = network_kind(error)
    host, key, took = where.host, where.key, f"after {seconds:.1f} s"
    explanation = where.consequence or "Congregate would meet the same failure."
    if kind == "proxy":
        proxy = host_port(error.kwargs.get("proxy_url"), "the endpoint")
        return Failure(f"the proxy {proxy} refused the tunnel to {host} ({took})", "proxy", key=key,
                       explanation="HTTPS_PROXY/HTTP_PROXY send the call through that proxy.",
                       fix="Check the proxy setting, or NO_PROXY for hosts that need none.")
    if kind == "tls" and where.ssl_verify:
        return Failure(f"the TLS certificate of {host} is not trusted here ({took})", "tls", key=key,
                       explanation="Congregate verifies it too (httpx, [APP] ssl_verify = True) and fails the same "
                                   "way.",
                       fix="Give the CA certificate (e.g. of a TLS-inspecting proxy) in AWS_CA_BUNDLE for this "
                           "check and to Congregate's Python; [APP] ssl_verify = False turns verification off "
                           "(not recommended).")
    if kind == "tls":
        return Failure(f"the TLS handshake with {host} failed ({took})", "tls", key=key, explanation=explanation,
                       fix=f"Check that {key} names the server's HTTPS port.")
    if kind == "connect-timeout":
        return Failure(f"no connection to {host} within {where.connect_timeout:g} s", "timeout", key=key,
                       explanation=f"{explanation} A firewall may drop the traffic, or a proxy may be needed.",
                       fix=f"Check {key}, the firewall, or set HTTPS_PROXY; on a slow network raise --timeout.")
    if kind == "read-timeout":
        return Failure(f"{host} did not answer within {where.read_timeout:g} s", "timeout", Severity.WARNING, key=key,
                       explanation="It accepted the connection but sent no answer in time.",
                       fix="Run again; on a slow network raise --timeout.")
    if kind == "reset":
        return Failure(f"{host} reset the connection before answering ({took})", "reset", key=key,
                       explanation=f"{explanation} A proxy or firewall may cut the connection.",
                       fix="Run again; if it persists, check the network path to the server.")
    if kind == "dns":
        return Failure(f"the host name in {key} ({host}) does not resolve ({took})", "dns", key=key,
                       explanation=explanation, fix=f"Correct {key}, or this machine's DNS; without direct internet "
                                                    "access set HTTPS_PROXY.")
    if kind == "refused":
        return Failure(f"{host} refused the connection: nothing listens there ({took})", "refused", key=key,
                       explanation=explanation, fix=f"Check the host and port in {key}, and firewalls.")
    return Failure(f"no answer from {host} ({took}, {type(error).__name__})", "network", key=key,
                   explanation=explanation, fix=f"Check {key} and the network path.")
