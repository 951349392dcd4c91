"""The keys Congregate reads for a GitLab instance, the destination and a GitLab source, and ``[APP] ssl_verify``,
which every one of its HTTP calls honours (shared by the offline and live rules; nothing here is live machinery)."""

import configparser
from typing import NamedTuple

from congregate_lint.model import Conf

DESTINATION = "destination"
SOURCE = "source"
GITLAB_SOURCE_TYPE = "gitlab"


class SideKeys(NamedTuple):
    """The conf keys of one side."""

    section: str
    host: str
    token: str
    group_id: str
    group_path: str
    offline_rule: str  # the rule that explains a host or token not sent


KEYS = {
    DESTINATION: SideKeys("DESTINATION", "dstn_hostname", "dstn_access_token", "dstn_parent_group_id",
                          "dstn_parent_group_path", "D001"),
    SOURCE: SideKeys("SOURCE", "src_hostname", "src_access_token", "src_parent_group_id", "src_parent_group_path",
                     "G001"),
}


def ssl_verify(conf: Conf) -> bool:
    """``[APP] ssl_verify`` as ConfigParser's getboolean reads it; True when unset or unreadable (S004 reports that)."""
    value = conf.value("APP", "ssl_verify")
    if value is None:
        return True
    return configparser.ConfigParser.BOOLEAN_STATES.get(value.lower(), True)
