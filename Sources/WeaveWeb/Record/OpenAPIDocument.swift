/// The OpenAPI 3.1 description of the record API, served at `/openapi.json`. Kept by hand beside the
/// types it describes; a test validates it (openapi-spec-validator) and checks every route's answer against it.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "Weave partnership record API",
    "version": "1.0.0",
    "description": "Read-only JSON of a partnership's living record: indicators with their reported values, roles, agreements and next steps. Each request carries a per-partnership token that a facilitator creates, and can revoke, on the partnership's Record page."
  },
  "security": [{"partnershipToken": []}],
  "paths": {
    "/api/v1/partnerships/{partnership}/record": {
      "get": {
        "operationId": "getRecord",
        "summary": "The whole record",
        "parameters": [{"$ref": "#/components/parameters/Partnership"}],
        "responses": {
          "200": {"description": "The record.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Record"}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/partnerships/{partnership}/indicators": {
      "get": {
        "operationId": "getIndicators",
        "summary": "Indicators with their values, status and the data-freshness score",
        "parameters": [{"$ref": "#/components/parameters/Partnership"}],
        "responses": {
          "200": {"description": "The indicators.", "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": false, "required": ["asOf", "freshness", "indicators"],
            "properties": {
              "asOf": {"$ref": "#/components/schemas/Day"},
              "freshness": {"$ref": "#/components/schemas/Freshness"},
              "indicators": {"type": "array", "items": {"$ref": "#/components/schemas/Indicator"}}
            }}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/partnerships/{partnership}/next-steps": {
      "get": {
        "operationId": "getNextSteps",
        "summary": "Next steps, in progress first, then by due date",
        "parameters": [{"$ref": "#/components/parameters/Partnership"}],
        "responses": {
          "200": {"description": "The next steps.", "content": {"application/json": {"schema": {
            "type": "object", "additionalProperties": false, "required": ["asOf", "nextSteps"],
            "properties": {
              "asOf": {"$ref": "#/components/schemas/Day"},
              "nextSteps": {"type": "array", "items": {"$ref": "#/components/schemas/NextStep"}}
            }}}}},
          "401": {"$ref": "#/components/responses/Unauthorized"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "partnershipToken": {"type": "http", "scheme": "bearer", "description": "A token created on the partnership's Record page; it opens that partnership only, until revoked."}
    },
    "parameters": {
      "Partnership": {"name": "partnership", "in": "path", "required": true, "description": "The partnership's id.", "schema": {"type": "string", "format": "uuid"}}
    },
    "responses": {
      "Unauthorized": {"description": "The token is missing, unknown or revoked.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
      "NotFound": {"description": "The token does not open this partnership.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Day": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
      "Error": {"type": "object", "additionalProperties": false, "required": ["error"], "properties": {"error": {"type": "string"}}},
      "PartnerRef": {"type": "object", "additionalProperties": false, "required": ["id", "name"],
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
      "Freshness": {"type": "object", "additionalProperties": false, "required": ["due", "reported"],
        "description": "The share of indicators with a report due that have a value for their last period due; score is absent when nothing is due.",
        "properties": {"due": {"type": "integer", "minimum": 0}, "reported": {"type": "integer", "minimum": 0}, "score": {"type": "number", "minimum": 0, "maximum": 1}}},
      "Value": {"type": "object", "additionalProperties": false, "required": ["period", "value", "note", "reportedBy", "reportedAt"],
        "properties": {"period": {"type": "string", "description": "2027-03 (monthly), 2027-Q1 (quarterly) or 2027 (yearly)."},
          "value": {"type": "number"}, "note": {"type": "string"}, "reportedBy": {"type": "string"}, "reportedAt": {"type": "string", "format": "date-time"}}},
      "Indicator": {"type": "object", "additionalProperties": false,
        "required": ["id", "name", "definition", "unit", "direction", "since", "frequency", "status", "overdue", "values"],
        "properties": {
          "id": {"type": "string"}, "name": {"type": "string"}, "definition": {"type": "string"},
          "unit": {"type": "string", "enum": ["percentage", "count", "number"]},
          "direction": {"type": "string", "enum": ["increase", "decrease"]},
          "baseline": {"type": "number"}, "since": {"$ref": "#/components/schemas/Day"},
          "target": {"type": "number"}, "targetDate": {"$ref": "#/components/schemas/Day"},
          "reporter": {"$ref": "#/components/schemas/PartnerRef"},
          "frequency": {"type": "string", "enum": ["monthly", "quarterly", "yearly"]},
          "status": {"type": "string", "enum": ["on-track", "off-track", "no-data", "unjudged"]},
          "lastPeriodDue": {"type": "string"}, "overdue": {"type": "boolean"},
          "values": {"type": "array", "items": {"$ref": "#/components/schemas/Value"}}}},
      "Role": {"type": "object", "additionalProperties": false, "required": ["id", "partner", "role"],
        "properties": {"id": {"type": "string"}, "partner": {"$ref": "#/components/schemas/PartnerRef"}, "role": {"type": "string"}}},
      "Agreement": {"type": "object", "additionalProperties": false, "required": ["id", "text"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}, "owner": {"$ref": "#/components/schemas/PartnerRef"}}},
      "NextStep": {"type": "object", "additionalProperties": false, "required": ["id", "what", "status", "overdue"],
        "properties": {"id": {"type": "string"}, "what": {"type": "string"}, "owner": {"$ref": "#/components/schemas/PartnerRef"},
          "due": {"$ref": "#/components/schemas/Day"}, "status": {"type": "string", "enum": ["open", "in-progress", "done", "dropped"]},
          "overdue": {"type": "boolean"}}},
      "Record": {"type": "object", "additionalProperties": false,
        "required": ["format", "partnership", "asOf", "freshness", "indicators", "roles", "agreements", "nextSteps"],
        "properties": {
          "format": {"type": "integer", "const": 1},
          "partnership": {"type": "object", "additionalProperties": false, "required": ["id", "name", "focalIssue"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "focalIssue": {"type": "string"}}},
          "asOf": {"$ref": "#/components/schemas/Day"},
          "freshness": {"$ref": "#/components/schemas/Freshness"},
          "indicators": {"type": "array", "items": {"$ref": "#/components/schemas/Indicator"}},
          "roles": {"type": "array", "items": {"$ref": "#/components/schemas/Role"}},
          "agreements": {"type": "array", "items": {"$ref": "#/components/schemas/Agreement"}},
          "nextSteps": {"type": "array", "items": {"$ref": "#/components/schemas/NextStep"}}}}
    }
  }
}
"""#
}
