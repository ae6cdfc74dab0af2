export default function Home() {
  return <main><h1>KRA eTIMS</h1></main>;
}
