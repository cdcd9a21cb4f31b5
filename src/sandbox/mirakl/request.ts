export { channelOf, header, isRecord, jsonBody } from "../request.js";
