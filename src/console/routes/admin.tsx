/** The bureau's subsidy policies, CSV enrolment and the public OCDS page, mounted together by `index.tsx`. */
import { Hono } from "hono";
import type { ConsoleEnv } from "../env";
import { enrolmentCsvRouter } from "./enrolment-csv";
import { ocdsRouter } from "./ocds";
import { subsidiesRouter } from "./subsidies";

export const adminRouter = new Hono<ConsoleEnv>()
  .route("/", subsidiesRouter)
  .route("/", enrolmentCsvRouter)
  .route("/", ocdsRouter);
