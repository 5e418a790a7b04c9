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

/** SparkPost's refusal of a create for a domain that exists. */
export const CONFLICT = {
  status: 409,
  json: { errors: [{ message: "The tracking domain already exists" }] },
};

/** A web server's own 404 page, as a wrong URL or a proxy answers: not SparkPost's word. */
export const HTML_NOT_FOUND = {
  status: 404,
  text: "<html>\n<head><title>404 Not Found</title></head>\n<body>nginx</body>\n</html>\n",
  headers: { "content-type": "text/html" },
};
