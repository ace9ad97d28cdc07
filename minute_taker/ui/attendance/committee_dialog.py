"""A committee's settings: name, numbering, house style, contact, quorum, standing
items, abbreviations, people.

Edits stay in the dialog until OK, which saves each changed part with one
service call; Cancel discards them. A new numbering scheme or first number
renumbers the committee's meetings that are not yet approved.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.enums import AttendanceRole, HouseStyle, NumberingScheme
from minute_taker.domain.records import Abbreviation, CommitteeInfo, PersonInfo, StandingItem
from minute_taker.services import committees, people
from minute_taker.services.committees import MemberEntry
from minute_taker.ui.attendance.choice_delegate import ChoiceDelegate
from minute_taker.ui.attendance.list_editor import ListEditor, RowDataRole
from minute_taker.ui.colours import ERROR, text_style
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.meeting.new_meeting_dialog import SCHEME_LABELS
from minute_taker.ui.widgets import named

HOUSE_STYLE_LABELS = {
    HouseStyle.NARRATIVE: "Narrative: discussion, then \u201cRESOLVED that \u2026\u201d",
    HouseStyle.ACTION_NOTES: "Action notes: findings, with an action column",
}
# "In attendance": before the committee at each meeting without being of it (the
# Commissioner before a police and crime panel), listed apart from the officers.
MEMBER_ROLE_LABELS = {AttendanceRole.MEMBER: "Member",
                      AttendanceRole.IN_ATTENDANCE: "In attendance",
                      AttendanceRole.OFFICER: "Officer"}
PERSON_COLUMNS = ("Name", "Role", "Capacity", "Organisation", "Abbreviation", "Initials")
(PERSON_NAME, PERSON_ROLE, PERSON_CAPACITY, PERSON_ORGANISATION, PERSON_ABBREVIATION,
 PERSON_INITIALS) = range(len(PERSON_COLUMNS))


class _NameDelegate(QStyledItemDelegate):
    """A name cell completes over everyone in the book."""

    def __init__(self, names: QStringListModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter(self._names, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        editor.setCompleter(completer)
        return editor


class CommitteeDialog(QDialog):
    def __init__(self, context: MeetingContext, committee_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("committeeDialog")
        self.context = context
        self.committee_id = committee_id
        info = context.run(committees.get_committee, committee_id)
        if info is None:
            raise LookupError(f"No committee with id {committee_id}")
        self.info = info
        self._everyone: dict[str, PersonInfo] = {
            p.name.casefold(): p for p in context.run(people.list_people) or []}
        self.setWindowTitle(f"Committee \u2014 {info.name}")
        self.resize(820, 560)

        self.tabs = QTabWidget(self)
        self.general = self._build_general()
        self.tabs.addTab(self.general, "&General")
        self.standing = ListEditor(("Title", "Description"), "item", self, stretch=1)
        self.standing.setObjectName("standingItems")
        self.tabs.addTab(self.standing, "&Standing items")
        self.abbreviations = ListEditor(("Short", "Stands for"), "abbreviation", self,
                                        movable=False, stretch=1)
        self.abbreviations.setObjectName("abbreviations")
        self.tabs.addTab(self.abbreviations, "A&bbreviations")
        self.members = self._build_members()
        self.tabs.addTab(self.members, "&People")
        self.tabs.currentChanged.connect(self._focus_page)

        self.error_label = named(QLabel(self), "committeeError")
        self.error_label.setStyleSheet(text_style(ERROR.on(self.palette())))
        self.error_label.setWordWrap(True)
        context.error.connect(self.error_label.setText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._show(info, context.run(committees.list_members, committee_id) or [])
        self.name.setFocus()

    # -- building ------------------------------------------------------------
    def _build_general(self) -> QWidget:
        page = QWidget(self)
        self.name = named(QLineEdit(page), "committeeName")
        self.short_name = named(QLineEdit(page), "committeeShortName")
        self.short_name.setPlaceholderText("Optional, e.g. PCP")
        self.scheme = named(QComboBox(page), "committeeScheme")
        for scheme, label in SCHEME_LABELS.items():
            self.scheme.addItem(label, scheme.value)
        self.first_number = named(QSpinBox(page, minimum=1, maximum=999999),
                                  "committeeFirstNumber")
        self.first_number.setToolTip("Under continuous numbering: the first item number of "
                                     "the committee's first meeting")
        self.house_style = named(QComboBox(page), "committeeHouseStyle")
        for style, label in HOUSE_STYLE_LABELS.items():
            self.house_style.addItem(label, style.value)
        self.contact_name = named(QLineEdit(page), "committeeContactName")
        self.contact_name.setPlaceholderText("e.g. Sheena Jones, Democratic Services Officer")
        self.contact_details = named(QLineEdit(page), "committeeContactDetails")
        self.contact_details.setPlaceholderText("Telephone, e-mail: e.g. 01905 844871, "
                                                "sjones@worcestershire.gov.uk")
        self.quorum = named(QLineEdit(page), "committeeQuorum")
        self.quorum.setAccessibleName("Quorum")
        self.quorum.setPlaceholderText("Optional, e.g. 3, 1/3 or 1/4, not less than 3")
        self.scheme.currentIndexChanged.connect(self._on_scheme)
        form = QFormLayout(page)
        form.addRow("Commit&tee name", self.name)
        form.addRow("Sh&ort name", self.short_name)
        form.addRow("N&umbering", self.scheme)
        form.addRow("F&irst item number", self.first_number)
        form.addRow("House st&yle", self.house_style)
        note = QLabel("A new numbering scheme or first number renumbers this committee's "
                      "meetings, except those already approved.", page)
        note.setWordWrap(True)
        form.addRow("", note)
        form.addRow("Co&ntact name", self.contact_name)
        form.addRow("Contact &details", self.contact_details)
        contact_note = named(QLabel("The contact the published minutes name (\u201cContact: "
                                    "\u2026\u201d). New meetings of this committee start with "
                                    "it; meetings already made keep their own.", page),
                             "committeeContactHint")
        contact_note.setWordWrap(True)
        form.addRow("", contact_note)
        form.addRow("&Quorum", self.quorum)
        quorum_note = named(QLabel("A number of voting members, 3; a share of them, 1/3; "
                                   "or a share and the fewest it may be, \u201c1/4, not "
                                   "less than 3\u201d. The notes warn at an item where "
                                   "fewer are present; nothing is refused.", page),
                            "committeeQuorumHint")
        quorum_note.setWordWrap(True)
        form.addRow("", quorum_note)
        return page

    def _build_members(self) -> ListEditor:
        editor = ListEditor(PERSON_COLUMNS, "person", self, stretch=PERSON_CAPACITY,
                            remove_verb="Remove")
        editor.setObjectName("committeePeople")
        editor.table.horizontalHeader().setSectionResizeMode(  # shares the room with Capacity
            PERSON_ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.people_names = QStringListModel(sorted(p.name for p in self._everyone.values()),
                                             self)
        editor.table.setItemDelegateForColumn(PERSON_NAME,
                                              _NameDelegate(self.people_names, editor.table))
        editor.table.setItemDelegateForColumn(PERSON_ROLE, ChoiceDelegate(
            lambda: [(label, label) for label in MEMBER_ROLE_LABELS.values()], editor.table))
        editor.table.itemChanged.connect(self._on_member_changed)
        return editor

    # -- showing -------------------------------------------------------------
    def _focus_page(self, _index: int) -> None:
        page = self.tabs.currentWidget()
        if isinstance(page, ListEditor):
            page.table.setFocus()
            if page.table.currentRow() < 0 and page.table.rowCount():
                page.table.setCurrentCell(0, 0)

    def _show(self, info: CommitteeInfo, members: list[tuple[PersonInfo, AttendanceRole]]
              ) -> None:
        self.name.setText(info.name)
        self.short_name.setText(info.short_name or "")
        self.scheme.setCurrentIndex(self.scheme.findData(info.numbering_scheme.value))
        self.first_number.setValue(info.number_start)
        self.house_style.setCurrentIndex(self.house_style.findData(info.house_style.value))
        self.contact_name.setText(info.contact_name or "")
        self.contact_details.setText(info.contact_details or "")
        self.quorum.setText(info.quorum or "")
        self._on_scheme()
        for standing in info.standing_items:
            self.standing.add_row((standing.title, standing.description))
        for abbreviation in info.abbreviations:
            self.abbreviations.add_row((abbreviation.short, abbreviation.expansion))
        self.members.table.blockSignals(True)
        for person, role in members:
            self.members.add_row(self._member_texts(person, role), person.id)
        self.members.table.blockSignals(False)
        self._members_before = self.member_entries()
        self._organisations_before = self.member_organisations()

    @staticmethod
    def _member_texts(person: PersonInfo, role: AttendanceRole) -> list[str]:
        return [person.name, MEMBER_ROLE_LABELS.get(role, "Member"), person.role or "",
                person.organisation or "", person.abbreviation or "", person.initials or ""]

    def _on_scheme(self) -> None:
        self.first_number.setEnabled(self.numbering_scheme() is NumberingScheme.CONTINUOUS)

    def _on_member_changed(self, item: QTableWidgetItem) -> None:
        """A name typed on a new row that is someone in the book brings their details."""
        row = item.row()
        if item.column() != PERSON_NAME or item.data(RowDataRole) is not None:
            return
        known = self._everyone.get(" ".join(item.text().split()).casefold())
        if known is None:
            return
        texts = self._member_texts(known, AttendanceRole.MEMBER)
        for column in (PERSON_CAPACITY, PERSON_ORGANISATION, PERSON_ABBREVIATION,
                       PERSON_INITIALS):
            if not self.members.text(row, column):
                self.members.set_text(row, column, texts[column])
        if not self.members.text(row, PERSON_ROLE):
            self.members.set_text(row, PERSON_ROLE, "Member")

    # -- values --------------------------------------------------------------
    def numbering_scheme(self) -> NumberingScheme:
        return NumberingScheme(self.scheme.currentData())

    def number_start(self) -> int:
        scheme = self.numbering_scheme()
        if scheme is NumberingScheme.CONTINUOUS:
            return self.first_number.value()
        if self.info.numbering_scheme is NumberingScheme.CONTINUOUS:
            return 1  # leaving continuous numbering: other schemes count from 1
        return self.info.number_start

    def standing_items(self) -> list[StandingItem]:
        return [StandingItem(title, description)
                for (title, description), _data in self.standing.rows()]

    def abbreviation_list(self) -> list[Abbreviation]:
        return [Abbreviation(short, expansion)
                for (short, expansion), _data in self.abbreviations.rows()]

    def member_entries(self) -> list[MemberEntry]:
        roles = {label: role for role, label in MEMBER_ROLE_LABELS.items()}
        return [MemberEntry(person_id=data, name=name,
                            role=roles.get(role, AttendanceRole.MEMBER),
                            capacity=capacity or None, abbreviation=abbreviation or None,
                            initials=initials or None)
                for (name, role, capacity, _organisation, abbreviation, initials), data
                in self.members.rows()]

    def member_organisations(self) -> list[str]:
        """Each listed person's organisation, in the order of :meth:`member_entries`."""
        return [texts[PERSON_ORGANISATION] for texts, _data in self.members.rows()]

    # -- saving --------------------------------------------------------------
    def accept(self) -> None:
        if self.save():
            super().accept()

    def save(self) -> bool:
        """Save every changed part; False (and the dialog stays open) if one is refused."""
        self.error_label.clear()
        for editor in (self.standing, self.abbreviations, self.members):
            editor.commit_editing()
        ctx, info = self.context, self.info
        entries, organisations = self.member_entries(), self.member_organisations()
        if (entries, organisations) != (self._members_before, self._organisations_before):
            if not self._save_members(entries, organisations):
                return self._refused(self.members)
            self._members_before, self._organisations_before = entries, organisations
            ctx.people_changed.emit()
        if tuple(self.abbreviation_list()) != tuple(sorted(info.abbreviations,
                                                           key=lambda a: a.short)):
            saved = ctx.apply(committees.set_abbreviations, self.committee_id,
                              self.abbreviation_list())
            if saved is None:
                return self._refused(self.abbreviations)
            self.info = info = saved
        if tuple(self.standing_items()) != info.standing_items:
            saved = ctx.apply(committees.set_standing_items, self.committee_id,
                              self.standing_items())
            if saved is None:
                return self._refused(self.standing)
            self.info = info = saved
        if not self._save_quorum(info):
            return self._refused(self.general, self.quorum)
        return self._save_general(self.info)

    def _save_quorum(self, info: CommitteeInfo) -> bool:
        """The quorum on its own, so that a refusal ("not a quorum") points at its field."""
        quorum = self.quorum.text().strip()
        if quorum == (info.quorum or ""):
            return True
        saved = self.context.apply(committees.update_committee, self.committee_id,
                                   quorum=quorum)
        if saved is None:
            return False
        self.info = saved
        self.context.refresh_header()  # the notes heading says again whether quorate
        return True

    def _save_members(self, entries: list[MemberEntry], organisations: list[str]) -> bool:
        """The committee's people, then the organisation of each whose organisation is new
        (it is the person's, kept in the book like their capacity)."""
        saved = self.context.apply(committees.set_members, self.committee_id, entries)
        if saved is None:
            return False
        changed = [(person.id, organisation) for (person, _role), organisation
                   in zip(saved, organisations, strict=True)
                   if (person.organisation or "") != organisation]
        return all(self.context.apply(people.update_person, person_id,
                                      organisation=organisation) is not None
                   for person_id, organisation in changed)

    def _save_general(self, info: CommitteeInfo) -> bool:
        general = {"name": self.name.text().strip(), "short_name": self.short_name.text().strip(),
                   "numbering_scheme": self.numbering_scheme(),
                   "number_start": self.number_start(),
                   "house_style": HouseStyle(self.house_style.currentData()),
                   "contact_name": self.contact_name.text().strip(),
                   "contact_details": self.contact_details.text().strip()}
        before = {"name": info.name, "short_name": info.short_name or "",
                  "numbering_scheme": info.numbering_scheme, "number_start": info.number_start,
                  "house_style": info.house_style, "contact_name": info.contact_name or "",
                  "contact_details": info.contact_details or ""}
        if general == before:
            return True
        saved = self.context.apply(committees.update_committee, self.committee_id, **general)
        if saved is None:
            return self._refused(self.general)
        self.info = saved
        if (saved.numbering_scheme, saved.number_start) != (info.numbering_scheme,
                                                            info.number_start):
            self.context.apply(committees.renumber_meetings, self.committee_id)
            self.context.refresh_items()
        self.context.refresh_header()
        self.context.meetings_changed.emit()
        return True

    def _refused(self, page: QWidget, field: QWidget | None = None) -> bool:
        self.tabs.setCurrentWidget(page)
        if field is not None:
            field.setFocus()
        return False
