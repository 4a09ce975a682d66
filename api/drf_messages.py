"""Django REST framework's own messages that this API can answer, listed so that `makemessages` puts them in the
portal's catalogue (locale/vi), which comes first: DRF ships Vietnamese for only a few of them, and an external
system's clerk reads these answers. Nothing imports the values; the msgids must stay exactly DRF's."""

from django.utils.translation import gettext_noop as _

MESSAGES = [
    # rest_framework/exceptions.py
    _("A server error occurred."),
    _("Invalid input."),
    _("Malformed request."),
    _("Incorrect authentication credentials."),
    _("Authentication credentials were not provided."),
    _("You do not have permission to perform this action."),
    _("Not found."),
    _('Method "{method}" not allowed.'),
    _("Could not satisfy the request Accept header."),
    _('Unsupported media type "{media_type}" in request.'),
    _("Request was throttled."),
    _("Expected available in {wait} second."),
    _("Expected available in {wait} seconds."),
    # rest_framework/pagination.py
    _("Invalid page."),
    _("A page number within the paginated result set."),
    _("Number of results to return per page."),
    # rest_framework/fields.py, serializers.py, relations.py: the fields the API's bodies use
    _("This field is required."),
    _("This field may not be blank."),
    _("This field may not be null."),
    _("Not a valid string."),
    _("Ensure this field has no more than {max_length} characters."),
    _("Ensure this field has at least {min_length} characters."),
    _("A valid integer is required."),
    _("A valid number is required."),
    _("Ensure this value is greater than or equal to {min_value}."),
    _("Ensure this value is less than or equal to {max_value}."),
    _("String value too large."),
    _("Must be a valid boolean."),
    _("Date has wrong format. Use one of these formats instead: {format}."),
    _("Datetime has wrong format. Use one of these formats instead: {format}."),
    _("Expected a date but got a datetime."),
    _('"{input}" is not a valid choice.'),
    _('Expected a list of items but got type "{input_type}".'),
    _("This list may not be empty."),
    _("Invalid data. Expected a dictionary, but got {datatype}."),
    _('Invalid pk "{pk_value}" - object does not exist.'),
    _("Incorrect type. Expected pk value, received {data_type}."),
]
