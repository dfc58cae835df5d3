/** Small pieces of the contract pages: the status badge and the next step for the viewer. */
import type { Contract } from "../../../modules/contracts/schemas";
import type { MessageKey, Translate } from "../../i18n";

export function ContractStatusBadge(props: { t: Translate; status: Contract["status"] }) {
  return <span class={`badge ${props.status}`}>{props.t(`contract.status.${props.status}`)}</span>;
}

/** What happens next to a contract. */
export function nextStep(contract: Contract): MessageKey {
  switch (contract.status) {
    case "draft":
      return "contract.next.sign";
    case "signed":
      return "contract.next.submit";
    case "under_review":
      return "contract.next.review";
    case "changes_requested":
      return "contract.next.change";
    case "approved":
      return "contract.next.start";
    case "active":
      return "contract.next.complete";
    default:
      return "contract.next.none";
  }
}
