import SCIM
