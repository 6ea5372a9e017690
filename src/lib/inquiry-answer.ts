/**
 * An inquiry's answer as the console and My membership tell it: given once (first_answered_at),
 * its current text's time (answered_at) later when the store changed it since.
 */
interface AnswerTimes {
  answered_at: string | null;
  first_answered_at: string | null;
}

/** Whether the store changed the answer after it first gave it: both times then known. */
export function answerChanged<T extends AnswerTimes>(inquiry: T): inquiry is T & { answered_at: string; first_answered_at: string } {
  return inquiry.answered_at !== null && inquiry.first_answered_at !== null && Date.parse(inquiry.answered_at) > Date.parse(inquiry.first_answered_at);
}
