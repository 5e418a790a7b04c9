/** SparkPost's documented answers for track.example.com, shared by the client tests. */

/** `GET /tracking-domains/track.example.com` finding the domain. */
export const FOUND = {
  status: 200,
  json: {
    results: {
      domain: "track.example.com",
      port: 80,
      secure: false,
      default: false,
      status: { verified: false, cname_status: "pending", compliance_status: "pending" },
    },
  },
};

/** `POST /tracking-domains` having created it. */
export const CREATED = { status: 200, json: { results: { domain: "track.example.com" } } };

/** Any call on a domain SparkPost does not have. */
export const NOT_FOUND = { status: 404, json: { errors: [{ message: "resource not found" }] } };

/** Request lines as the script server records them. */
export const GET_TRACK = "GET /api/v1/tracking-domains/track.example.com";
export const POST_CREATE = "POST /api/v1/tracking-domains";
