"""Store → Connect…: the address, the API identifier and secret, the client."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from lic_desktop.l10n import _


class ConnectDialog(QDialog):
    def __init__(self, url: str, identifier: str, client_id: int, secret: str = "",
                 access_key: str = "") -> None:
        super().__init__()
        self.setWindowTitle(_("Connect to the store"))
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("https://store.example.com")
        self.identifier = QLineEdit(identifier)
        self.secret = QLineEdit(secret)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.access_key = QLineEdit(access_key)
        self.access_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.access_key.setPlaceholderText(_("only if the store allows just some IPs"))
        self.client_id = QSpinBox()
        self.client_id.setRange(1, 10_000_000)
        self.client_id.setValue(client_id)
        self.remember = QCheckBox(_("&Remember the secret and key in the system keyring"))
        form = QFormLayout(self)
        for label, widget, name in ((_("Store &address:"), self.url, _("Store address")),
                                    (_("API &identifier:"), self.identifier,
                                     _("API identifier")),
                                    (_("API &secret:"), self.secret, _("API secret")),
                                    (_("API access &key:"), self.access_key,
                                     _("API access key")),
                                    (_("&Client ID:"), self.client_id, _("Client ID"))):
            widget.setAccessibleName(name)
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow("", self.remember)
        note = QLabel(_("Read-only: lic-desktop never orders or changes anything in the store. "
                        "The secret and the access key are kept only in the keyring, never in "
                        "settings or files."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
