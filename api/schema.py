"""The token's security scheme in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "tdkt_<prefix>_<secret>",
                "description": "Khoá API do văn phòng xã hoặc Ban Thi đua - Khen thưởng tỉnh cấp."}
