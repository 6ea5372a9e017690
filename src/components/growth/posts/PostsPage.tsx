/** The /console/posts/ island: the posts screen inside the console shell. */
import ConsoleLayout from '../../console/ConsoleLayout.tsx';
import { PostsScreen } from './PostsScreen.tsx';

export default function PostsPage() {
  return <ConsoleLayout>{(store) => <PostsScreen store={store} />}</ConsoleLayout>;
}
