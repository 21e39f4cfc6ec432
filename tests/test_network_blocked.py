"""The suite runs with sockets disabled, so any network call by the toolkit fails a test."""

import socket

import pytest
from pytest_socket import SocketBlockedError


def test_network_socket_is_blocked() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
