import { Router } from 'express';
import { successionNote } from '../../domain/county-splits.js';
import { approvalWarning, listedApprovalWarnings, unrecordedVersion } from '../../domain/text-approval.js';
import { today } from '../../format/dates.js';
import type { Gjerde } from '../../gjerde.js';
import { agreementOverlaps } from '../overlaps-present.js';
import { presentSummary, presentVersion } from '../present.js';
import { versionQuery } from '../query.js';

export function apiRoutes(gjerde: Gjerde): Router {
  const router = Router();
  router.get('/agreements', async (_req, res) => {
    const summaries = await gjerde.agreements.summaries();
    const warnings = await listedApprovalWarnings(gjerde.agreements, summaries);
    res.json({
      agreements: summaries.map((summary) =>
        presentSummary(summary, today(), warnings.get(summary.id) ?? null),
      ),
    });
  });
  router.get('/agreements/:id', async (req, res) => {
    const query = versionQuery(req);
    const version = await gjerde.agreements.get(req.params.id, query);
    const overlaps = agreementOverlaps(await gjerde.agreements.umbrellaOverlaps(), version.id, {
      ...(query.at !== undefined ? { at: query.at } : {}),
      today: today(),
    });
    const versions = await gjerde.agreements.versions(version.id);
    // Whether the parties' approval of this text is recorded (src/domain/text-approval.ts).
    const unrecorded = await unrecordedVersion(versions, version.revision.rev);
    const succession = successionNote(
      await gjerde.countySplits.current(),
      version.agreement.meta,
      versions.map((item) => item.agreement.meta),
      await gjerde.agreements.latestMetas(),
    );
    res.json({
      ...presentVersion(version),
      overlaps,
      succession: succession ?? null,
      approvalWarning: approvalWarning(unrecorded),
    });
  });
  return router;
}
