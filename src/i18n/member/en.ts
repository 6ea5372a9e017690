/** The member's own pages: My membership on the portal and in the widget's frame. */
export const member = {
  title: 'My membership',
};
